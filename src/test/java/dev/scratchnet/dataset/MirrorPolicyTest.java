package dev.scratchnet.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import dev.scratchnet.storage.ScratchnetProperties.Download;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Which addresses and URLs downloads refuse; IP literals only, so no name is ever looked up. */
class MirrorPolicyTest {

    @Test
    void everyNonPublicRangeIsNamed() throws UnknownHostException {
        assertThat(range("127.0.0.1")).isEqualTo("loopback");
        assertThat(range("127.255.0.9")).isEqualTo("loopback");
        assertThat(range("::1")).isEqualTo("loopback");
        assertThat(range("0.0.0.0")).isEqualTo("wildcard");
        assertThat(range("::")).isEqualTo("wildcard");
        assertThat(range("0.1.2.3")).isEqualTo("unspecified (0.0.0.0/8)");
        assertThat(range("10.1.2.3")).isEqualTo("private");
        assertThat(range("172.16.0.1")).isEqualTo("private");
        assertThat(range("172.31.255.255")).isEqualTo("private");
        assertThat(range("192.168.1.1")).isEqualTo("private");
        assertThat(range("169.254.169.254")).isEqualTo("link-local");
        assertThat(range("fe80::1")).isEqualTo("link-local");
        assertThat(range("fc00::1")).isEqualTo("unique-local (fc00::/7)");
        assertThat(range("fd12:3456::1")).isEqualTo("unique-local (fc00::/7)");
        assertThat(range("100.64.0.1")).isEqualTo("carrier-grade NAT (100.64.0.0/10)");
        assertThat(range("100.127.255.255")).isEqualTo("carrier-grade NAT (100.64.0.0/10)");
        assertThat(range("224.0.0.1")).isEqualTo("multicast");
        assertThat(range("ff02::1")).isEqualTo("multicast");
        assertThat(range("255.255.255.255")).isEqualTo("reserved (240.0.0.0/4)");
        assertThat(range("::ffff:127.0.0.1")).isEqualTo("loopback");
        assertThat(range("::10.0.0.1")).isEqualTo("private (embedded IPv4)");
        assertThat(range("64:ff9b::a9fe:a9fe")).isEqualTo("link-local (embedded IPv4)");
    }

    @Test
    void publicAddressesAreNotInAnyRange() throws UnknownHostException {
        for (String address : List.of("1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
                "169.253.0.1", "11.0.0.1", "2606:4700::1111", "64:ff9b::101:101")) {
            assertThat(range(address)).as(address).isNull();
        }
    }

    @Test
    void allowedIpv6LiteralIsComparedWithoutBrackets() throws Exception {
        MirrorPolicy policy = new MirrorPolicy(new Download(Duration.ofSeconds(1), Duration.ofSeconds(1),
                DataSize.ofMegabytes(1), 5, List.of("[::1]"), List.of(80), false));

        assertThatThrownBy(() -> policy.check(URI.create("http://[::1]/x")))
                .hasMessageContaining("host '::1' resolves to 0:0:0:0:0:0:0:1, a loopback address");
        assertThatThrownBy(() -> policy.check(URI.create("http://[::2]/x")))
                .hasMessageContaining("host '::2' is not allowed (allowed: ::1;");
    }

    @Test
    void listingSaysHowToEnableDownloads() {
        URI mirror = URI.create("https://mirror.invalid/fashion/");
        Download off = new Download(Duration.ofSeconds(1), Duration.ofSeconds(1), DataSize.ofMegabytes(1), 5,
                List.of());
        Download elsewhere = new Download(Duration.ofSeconds(1), Duration.ofSeconds(1), DataSize.ofMegabytes(1), 5,
                List.of("other.invalid"));

        assertThat(new MirrorPolicy(off).refusal("fashion", List.of(mirror))).isEqualTo("downloads are off "
                + "(scratchnet.datasets.download.allowed-hosts is empty); to download fashion, add mirror.invalid to "
                + "scratchnet.datasets.download.allowed-hosts");
        assertThat(new MirrorPolicy(elsewhere).refusal("fashion", List.of(mirror))).isEqualTo("no mirror of fashion "
                + "is on an allowed host: add mirror.invalid to scratchnet.datasets.download.allowed-hosts "
                + "(allowed: other.invalid)");
    }

    private static String range(String literal) throws UnknownHostException {
        return MirrorPolicy.nonPublicRange(InetAddress.getByName(literal));
    }
}
