package dev.scratchnet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A team runs every shard of a phase exactly once, on its own member unless that member does not turn up in time,
 * and never again after closing.
 */
class ShardTeamTest {

    @Test
    void everyShardRunsOnceOnItsOwnMemberPhaseAfterPhase() throws InterruptedException {
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        AtomicIntegerArray onCaller = new AtomicIntegerArray(4);
        Thread caller = Thread.currentThread();
        try (ShardTeam team = new ShardTeam(2)) {
            for (int phase = 0; phase < 1000; phase++) {
                team.run(4, shard -> {
                    runs.incrementAndGet(shard);
                    if (Thread.currentThread() == caller) {
                        onCaller.incrementAndGet(shard);
                    }
                });
            }
        }
        // A helper woken by close must not run the last phase a second time.
        Thread.sleep(50);
        for (int shard = 0; shard < 4; shard++) {
            assertThat(runs.get(shard)).as("shard %d", shard).isEqualTo(1000);
        }
        assertThat(onCaller.get(0)).as("the caller's own shards never leave it").isEqualTo(1000);
        assertThat(onCaller.get(2)).isEqualTo(1000);
        // The helper's run on the caller only when the helper is late by a whole take-over time.
        assertThat(onCaller.get(1)).as("the helper's shards").isLessThan(1000);
        assertThat(onCaller.get(3)).isLessThan(1000);
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void callerRunsTheShardsOfAHelperThatNeverTurnsUp() {
        AtomicIntegerArray runs = new AtomicIntegerArray(5);
        Thread caller = Thread.currentThread();
        try (ShardTeam team = new ShardTeam(3, false)) {
            for (int phase = 0; phase < 3; phase++) {
                team.run(5, shard -> {
                    assertThat(Thread.currentThread()).isSameAs(caller);
                    runs.incrementAndGet(shard);
                });
            }
        }
        for (int shard = 0; shard < 5; shard++) {
            assertThat(runs.get(shard)).as("shard %d", shard).isEqualTo(3);
        }
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
