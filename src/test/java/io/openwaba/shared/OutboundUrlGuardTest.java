package io.openwaba.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundUrlGuardTest {

    private final OutboundUrlGuard production = new OutboundUrlGuard(false);
    private final OutboundUrlGuard sandbox = new OutboundUrlGuard(true);

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data", "http://[fe80::1]/hook"})
    void refusesLinkLocalTargetsEvenWherePrivateOnesAreAllowed(String url) {
        assertThatThrownBy(() -> sandbox.check(url, "the callback URL")).isInstanceOf(OutboundUrlGuard.Refused.class)
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> production.check(url, "the callback URL")).isInstanceOf(OutboundUrlGuard.Refused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/hook", "http://localhost:8080/hook", "http://10.0.0.5/hook",
            "http://172.16.3.4/hook", "http://192.168.1.1/hook",
            "http://[::1]/hook", "http://[fd00::1]/hook", "http://0.0.0.0/hook", "http://100.64.0.1/hook"})
    void refusesPrivateAndLocalTargetsInProduction(String url) {
        assertThatThrownBy(() -> production.check(url, "the callback URL")).isInstanceOf(OutboundUrlGuard.Refused.class)
                .hasMessageContaining("private or local address");
        assertThat(sandbox.check(url, "the callback URL")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/x", "not a url", "http:///nohost", "https://user:pw@example.com/x", ""})
    void refusesWhatIsNotAnHttpUrl(String url) {
        assertThatThrownBy(() -> sandbox.check(url, "the callback URL")).isInstanceOf(OutboundUrlGuard.Refused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://8.8.8.8/hook", "https://1.1.1.1:8443/webhook?x=1"})
    void allowsPublicAddresses(String url) {
        assertThat(production.check(url, "the callback URL").toString()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://[::a00:5]/hook", "http://[64:ff9b::a00:5]/hook", "http://[2002:a00:5::1]/hook",
            "http://[::808:808]/hook", "http://240.0.0.1/hook", "http://255.255.255.255/hook"})
    void refusesReservedAddressesAndIpv6FormsThatEmbedIpv4InProduction(String url) {
        assertThatThrownBy(() -> production.check(url, "the callback URL")).isInstanceOf(OutboundUrlGuard.Refused.class)
                .hasMessageContaining("private or local address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://[::a9fe:a9fe]/latest", "http://[64:ff9b::a9fe:a9fe]/latest", "http://[2002:a9fe:a9fe::]/x"})
    void refusesCloudMetadataHiddenInIpv6EvenWherePrivateOnesAreAllowed(String url) {
        assertThatThrownBy(() -> sandbox.check(url, "the callback URL")).isInstanceOf(OutboundUrlGuard.Refused.class)
                .hasMessageContaining("link-local");
    }

    @Test
    void refusesTheHostsOwnInterfaceAddressesInProduction() throws Exception {
        var own = java.net.NetworkInterface.networkInterfaces().flatMap(java.net.NetworkInterface::inetAddresses)
                .filter(address -> address instanceof java.net.Inet4Address).findFirst().orElseThrow();
        assertThatThrownBy(() -> production.check("http://" + own.getHostAddress() + "/hook", "the callback URL"))
                .isInstanceOf(OutboundUrlGuard.Refused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com:99999/hook", "http://127.0.0.1:0/hook"})
    void refusesPortsOutOfRange(String url) {
        assertThatThrownBy(() -> sandbox.check(url, "the callback URL")).isInstanceOf(OutboundUrlGuard.Refused.class)
                .hasMessageContaining("ports are 1 to 65535");
    }

    @Test
    void resolvesForTheConnectionOnlyToAddressesItChecked() throws Exception {
        assertThatThrownBy(() -> production.resolve("localhost")).isInstanceOf(java.net.UnknownHostException.class)
                .hasMessageContaining("private or local address");
        assertThatThrownBy(() -> sandbox.resolve("169.254.169.254")).isInstanceOf(java.net.UnknownHostException.class);
        assertThat(sandbox.resolve("localhost")).allMatch(java.net.InetAddress::isLoopbackAddress);
        assertThat(production.resolve("8.8.8.8")).extracting(java.net.InetAddress::getHostAddress).containsExactly("8.8.8.8");
    }
}
