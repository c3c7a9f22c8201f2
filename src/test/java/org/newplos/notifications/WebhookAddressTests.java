package org.newplos.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.newplos.ApiClient;
import org.newplos.IntegrationTest;
import org.newplos.common.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * SSRF: with the default setting, endpoints that resolve to loopback, private, link-local (the cloud metadata
 * service), unique-local, shared or unspecified addresses are refused with a 400 that names the operator
 * setting. These tests only resolve literal addresses and "localhost"; nothing is ever connected to.
 */
@IntegrationTest
class WebhookAddressTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void privateLoopbackAndMetadataAddressesAreRefusedNamingTheSetting() {
        ApiClient admin = ApiClient.as(mvc, "ADMIN");
        String[] refused = {
            "http://127.0.0.1/hooks",
            "http://localhost:8080/hooks",
            "https://10.0.0.1/hooks",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::1]/hooks",
            "http://172.16.5.4/",
            "http://192.168.1.1/",
            "http://100.64.0.1/",
            "http://0.0.0.0/",
            "http://[fd00::1]/",
            "http://[fe80::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://[64:ff9b::a9fe:a9fe]/",
            "http://224.0.0.1/",
        };
        long before = count();
        for (String url : refused) {
            MvcTestResult result = admin.post("/api/v1/webhook-endpoints", """
                    {"url": "%s", "eventTypes": ["lease.booked"]}""".formatted(url));
            assertThat(result).as(url).hasStatus(400);
            String message = String.valueOf((Object) JsonPath.read(ApiClient.body(result), "$.errors[0].message"));
            assertThat(message).as(url).contains("newplos.webhooks.allow-private-addresses");
            assertThat(String.valueOf((Object) JsonPath.read(ApiClient.body(result), "$.errors[0].field")))
                    .isEqualTo("url");
        }
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void addressesAreClassifiedWithoutConnecting() throws Exception {
        assertThat(WebhookAddresses.kind(InetAddress.getByName("169.254.169.254")))
                .hasValueSatisfying(k -> assertThat(k).contains("link-local"));
        assertThat(WebhookAddresses.kind(InetAddress.getByName("100.127.255.254")))
                .isPresent();
        assertThat(WebhookAddresses.kind(InetAddress.getByName("100.128.0.1"))).isEmpty();
        assertThat(WebhookAddresses.kind(InetAddress.getByName("172.31.255.255")))
                .isPresent();
        assertThat(WebhookAddresses.kind(InetAddress.getByName("172.32.0.1"))).isEmpty();
        assertThat(WebhookAddresses.kind(InetAddress.getByName("fc00::1"))).isPresent();
        assertThat(WebhookAddresses.kind(InetAddress.getByName("::"))).isPresent();
        assertThat(WebhookAddresses.kind(InetAddress.getByName("::127.0.0.1"))).isPresent();
        assertThat(WebhookAddresses.kind(InetAddress.getByName("203.0.113.7"))).isEmpty();
        assertThat(WebhookAddresses.kind(InetAddress.getByName("2001:db8::1"))).isEmpty();
    }

    @Test
    void aPublicAddressIsAcceptedAndAPrivateOneRefusedOnChangeToo() {
        WebhookAddresses strict =
                new WebhookAddresses(new WebhookSettings(false, Duration.ofSeconds(5), Duration.ofSeconds(15)));
        assertThat(strict.check("https://203.0.113.7/hooks")).hasHost("203.0.113.7");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> strict.check("http://[::1]:8080/"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("loopback");
        WebhookAddresses lenient =
                new WebhookAddresses(new WebhookSettings(true, Duration.ofSeconds(5), Duration.ofSeconds(15)));
        assertThat(lenient.check("http://127.0.0.1:9/hooks")).hasPort(9);

        ApiClient admin = ApiClient.as(mvc, "ADMIN");
        long id = admin.create("/api/v1/webhook-endpoints", """
                {"url": "https://203.0.113.7/hooks", "eventTypes": ["lease.booked"], "enabled": false}""");
        try {
            MvcTestResult changed = admin.put("/api/v1/webhook-endpoints/" + id, """
                    {"url": "http://169.254.169.254/", "eventTypes": ["lease.booked"]}""");
            assertThat(changed).hasStatus(400);
            assertThat(ApiClient.body(changed)).contains("link-local", "allow-private-addresses");
        } finally {
            assertThat(admin.delete("/api/v1/webhook-endpoints/" + id)).hasStatus(204);
        }
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM webhook_endpoints")
                .query(Long.class)
                .single();
    }
}
