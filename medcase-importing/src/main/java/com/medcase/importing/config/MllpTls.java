package com.medcase.importing.config;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** MLLP over TLS: the listener's SSLContext from {@code medcase.importing.mllp.tls.*} (PKCS#12 stores, JSSE defaults otherwise). */
public final class MllpTls {

    private MllpTls() {
    }

    /** Null when TLS is off. */
    public static SSLContext context(ImportingProperties.Tls tls) {
        if (tls == null || !tls.enabled()) {
            return null;
        }
        if (tls.keyStore() == null) {
            throw new IllegalStateException("medcase.importing.mllp.tls.enabled=true needs medcase.importing.mllp.tls.key-store (a PKCS#12 file)");
        }
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            char[] password = tls.keyStorePassword() == null ? new char[0] : tls.keyStorePassword().toCharArray();
            keys.init(load(tls.keyStore(), password), password);
            TrustManagerFactory trust = null;
            if (tls.trustStore() != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(tls.trustStore(), tls.trustStorePassword() == null ? new char[0] : tls.trustStorePassword().toCharArray()));
            } else if ("need".equalsIgnoreCase(tls.clientAuth())) {
                throw new IllegalStateException("medcase.importing.mllp.tls.client-auth=need needs medcase.importing.mllp.tls.trust-store "
                        + "(the certificates that authenticate senders)");
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("MLLP TLS cannot be set up from " + tls.keyStore() + ": " + e.getMessage(), e);
        }
    }

    static KeyStore load(Path file, char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }
}
