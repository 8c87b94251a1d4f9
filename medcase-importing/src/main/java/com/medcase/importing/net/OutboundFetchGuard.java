package com.medcase.importing.net;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The one way MedCase fetches a URL it was given by someone else (a provider's FHIR attachment URL, a
 * FHIR server's next-page link). Refused before any byte is sent: a scheme other than http/https, a host
 * outside the optional allow-list, and a host whose resolved addresses include a loopback, private
 * (RFC 1918 / unique-local), link-local, multicast, wildcard or carrier-grade-NAT address. The check is
 * made inside Apache HttpClient's {@link DnsResolver}, and the connection goes to exactly the addresses
 * that were checked, so a DNS answer that changes between check and connect (rebinding) cannot swap the
 * target. Redirects are never followed (a 3xx is an error naming the status). Deadlines: connect, first
 * response bytes (headers) and the whole body; a server that drips bytes is cut off at the total deadline.
 */
public final class OutboundFetchGuard implements AutoCloseable {

    /** Settings; {@code allowPrivateAddresses} exists for tests with a loopback server only. */
    public record Settings(List<String> allowedHosts, Duration connectTimeout, Duration headerTimeout, Duration totalTimeout, long maxBytes,
                           boolean allowPrivateAddresses) {
        public Settings {
            allowedHosts = allowedHosts == null ? List.of() : allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        }

        public static Settings defaults() {
            return new Settings(List.of(), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(60), 100L * 1024 * 1024, false);
        }
    }

    /** A fetch refused or failed; {@code permanent} when asking again cannot help (refused target, 4xx, too large). */
    public static final class FetchException extends IOException {
        private final boolean permanent;

        public FetchException(String message, boolean permanent, Throwable cause) {
            super(message, cause);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }

    /** The body and the declared content type (null when none). */
    public record Response(int status, byte[] body, String contentType) { }

    private final Settings settings;
    private final Set<String> allowedHosts;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines;

    public OutboundFetchGuard(Settings settings) {
        this.settings = settings;
        this.allowedHosts = Set.copyOf(settings.allowedHosts());
        DnsResolver checking = new CheckingResolver(settings.allowPrivateAddresses());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(checking)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout(settings.connectTimeout()))
                                .setSocketTimeout(timeout(settings.headerTimeout())).build())
                        .setMaxConnTotal(32).setMaxConnPerRoute(8).build())
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false)
                        .setResponseTimeout(timeout(settings.headerTimeout())).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outbound-fetch-deadline");
            t.setDaemon(true);
            return t;
        });
    }

    private static Timeout timeout(Duration d) {
        return Timeout.ofMilliseconds(Math.max(1, d.toMillis()));
    }

    /**
     * GETs the URL. Statuses other than 2xx are returned (the caller decides), except 3xx, which is refused:
     * a redirect is never followed.
     */
    public Response get(URI url, String accept) throws FetchException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException("'" + url + "' is not an http or https URL", true, null);
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            throw new FetchException("'" + url + "' names no host", true, null);
        }
        if (!allowedHosts.isEmpty() && !allowedHosts.contains(host)) {
            throw new FetchException("host " + host + " is not in medcase.importing.fhir.fetch.allowed-hosts", true, null);
        }
        HttpGet get = new HttpGet(url);
        get.setHeader("Accept", accept);
        ScheduledFuture<?> deadline = deadlines.schedule(get::cancel, settings.totalTimeout().toMillis(), TimeUnit.MILLISECONDS);
        long deadlineNanos = System.nanoTime() + settings.totalTimeout().toNanos();
        try {
            return client.execute(get, response -> read(url, response, deadlineNanos));
        } catch (FetchException e) {
            throw e;
        } catch (RefusedAddressException e) {
            throw new FetchException(e.getMessage(), true, e);
        } catch (IOException e) {
            Throwable refused = e.getCause();
            if (refused instanceof RefusedAddressException r) {
                throw new FetchException(r.getMessage(), true, r);
            }
            if (get.isCancelled() || System.nanoTime() - deadlineNanos > 0) {
                throw new FetchException("'" + url + "' did not answer completely within " + settings.totalTimeout().toSeconds() + " s", false, e);
            }
            throw new FetchException("'" + url + "' could not be fetched: " + e, false, e);
        } finally {
            deadline.cancel(false);
        }
    }

    private Response read(URI url, ClassicHttpResponse response, long deadlineNanos) throws IOException {
        int status = response.getCode();
        if (status / 100 == 3) {
            throw new FetchException("'" + url + "' answered HTTP " + status + " (a redirect); redirects are not followed", true, null);
        }
        HttpEntity entity = response.getEntity();
        Header type = response.getFirstHeader("Content-Type");
        if (entity == null) {
            return new Response(status, new byte[0], type == null ? null : type.getValue());
        }
        if (entity.getContentLength() > settings.maxBytes()) {
            throw tooLarge(url);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = entity.getContent()) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (System.nanoTime() - deadlineNanos > 0) {
                    throw new FetchException("'" + url + "' did not send its body within " + settings.totalTimeout().toSeconds() + " s", false, null);
                }
                total += n;
                if (total > settings.maxBytes()) {
                    throw tooLarge(url);
                }
                out.write(buffer, 0, n);
            }
        }
        return new Response(status, out.toByteArray(), type == null ? null : type.getValue());
    }

    private FetchException tooLarge(URI url) {
        return new FetchException("'" + url + "' is larger than the limit of " + settings.maxBytes() + " bytes", true, null);
    }

    /** Whether an address is one a provider URL must never reach. */
    public static boolean isForbidden(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT 100.64/10
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240; // reserved and broadcast
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7
            }
            // IPv4-mapped (::ffff:a.b.c.d): judge the IPv4 address
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isForbidden(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An address the guard refused; carried through HttpClient's connect so that it stays recognisable. */
    static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String message) {
            super(message);
        }
    }

    /** Resolves once and returns only checked addresses: HttpClient connects to exactly these. */
    private static final class CheckingResolver implements DnsResolver {
        private final boolean allowPrivate;

        CheckingResolver(boolean allowPrivate) {
            this.allowPrivate = allowPrivate;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] all = SystemDefaultDnsResolver.INSTANCE.resolve(host);
            if (allowPrivate) {
                return all;
            }
            List<InetAddress> forbidden = Arrays.stream(all).filter(OutboundFetchGuard::isForbidden).toList();
            if (!forbidden.isEmpty()) {
                // all-or-nothing: a name that resolves to any internal address is refused as a whole
                throw new RefusedAddressException("host " + host + " resolves to a loopback, private, link-local or multicast address ("
                        + forbidden.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", ")) + "); refused");
            }
            return all;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        try {
            client.close();
        } catch (IOException e) {
            // nothing to do: the pool is going away with the service
        }
    }
}
