package io.commandcenter.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/** Signs approve/reject links: HMAC-SHA256 over action id, decision and expiry (epoch seconds). */
@Component
class LinkSigner {

    private final byte[] key;

    LinkSigner(ApprovalProperties properties, ApprovalRepository repository) {
        String secret = properties.linkSecret();
        if (secret == null || secret.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            // The first instance to start stores its secret; every later start reads it back.
            secret = repository.secret("link-secret", HexFormat.of().formatHex(random));
        }
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    String sign(UUID id, String decision, long expiresEpochSecond) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal((id + "|" + decision + "|" + expiresEpochSecond).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    boolean valid(UUID id, String decision, long expiresEpochSecond, String signature) {
        if (signature == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(id, decision, expiresEpochSecond).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }
}
