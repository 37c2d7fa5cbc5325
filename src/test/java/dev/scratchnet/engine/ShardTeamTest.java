package dev.scratchnet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

/** A team runs every shard of a phase exactly once, always on the same member, and never again after closing. */
class ShardTeamTest {

    @Test
    void everyShardRunsOnceOnItsOwnMemberPhaseAfterPhase() throws InterruptedException {
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        String[] firstThread = new String[4];
        try (ShardTeam team = new ShardTeam(2)) {
            for (int phase = 0; phase < 1000; phase++) {
                team.run(4, shard -> {
                    runs.incrementAndGet(shard);
                    String thread = Thread.currentThread().getName();
                    if (firstThread[shard] == null) {
                        firstThread[shard] = thread;
                    }
                    assertThat(thread).isEqualTo(firstThread[shard]);
                });
            }
        }
        // A helper woken by close must not run the last phase a second time.
        Thread.sleep(50);
        for (int shard = 0; shard < 4; shard++) {
            assertThat(runs.get(shard)).as("shard %d", shard).isEqualTo(1000);
        }
        assertThat(firstThread[0]).isEqualTo(firstThread[2]).isNotEqualTo(firstThread[1]);
    }

    @Test
    void failureOfAShardIsRethrownToTheCaller() {
        try (ShardTeam team = new ShardTeam(2)) {
            assertThatThrownBy(() -> team.run(4, shard -> {
                if (shard == 3) {
                    throw new IllegalStateException("shard 3 failed");
                }
            })).isInstanceOf(IllegalStateException.class).hasMessage("shard 3 failed");
            AtomicIntegerArray after = new AtomicIntegerArray(2);
            team.run(2, after::incrementAndGet);
            assertThat(after.get(0) + after.get(1)).as("the next phase runs normally").isEqualTo(2);
        }
    }
}
