package io.openwaba.shared;

import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client for every call the platform makes to a URL it was given: names are resolved
 * only by the {@link OutboundUrlGuard}, so it connects to an address the guard checked (the Host
 * header and TLS server name stay the URL's host); no redirects (the caller checks each hop), no
 * retries, no cookies, no proxy from system properties, keep-alive connections pooled.
 */
public final class OutboundHttp {

    private OutboundHttp() {
    }

    public static CloseableHttpClient client(OutboundUrlGuard guard, Duration timeout, int maxConnections,
                                             String userAgent) {
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(guard)
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(Math.min(timeout.toMillis(), 5_000)))
                        .setSocketTimeout(Timeout.of(timeout))
                        .build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .setUserAgent(userAgent)
                .build();
    }
}
