package io.commandcenter.ingest.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Encrypts the secrets saved on the setup page (AES-256-GCM, a fresh 12-byte nonce each time, the cloud's name as
 * associated data so a secret cannot be moved to another cloud's row). The key is {@code COMMANDCENTER_SECRETS_KEY}
 * (base64, 32 bytes) or, without it, a key file created on first use with owner-only permissions. The database alone
 * never holds enough to read a secret.
 */
@Component
public class SecretBox {

    private static final Log log = LogFactory.getLog(SecretBox.class);
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Settings settings;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKeySpec key;

    /**
     * @param key     base64 of 32 random bytes ({@code openssl rand -base64 32}); wins over the key file
     * @param keyFile where the key is kept without {@code key}; created when first needed
     */
    @ConfigurationProperties("commandcenter.secrets")
    @Validated
    public record Settings(
            // Checked at start, not at the first secret saved or opened; blank means the key file.
            @Pattern(regexp = "\\s*([A-Za-z0-9+/]{43}=)?\\s*",
                     message = "must be base64 of 32 bytes (openssl rand -base64 32), or blank for the key file")
            String key,
            @NotNull Path keyFile) {
        public Settings {
            if (keyFile == null) {
                keyFile = Path.of(System.getProperty("user.home"), ".commandcenter", "secrets.key");
            }
        }
    }

    SecretBox(Settings settings) {
        this.settings = settings;
    }

    public byte[] seal(String purpose, String secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key(true), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the secret: " + e.getMessage(), e);
        }
    }

    /** The secret, or an exception saying why it cannot be read (another key, a changed row). */
    public String open(String purpose, byte[] sealed) {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("the saved secret is damaged");
        }
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key(false), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalStateException("the saved secret does not open with this key (was "
                    + "COMMANDCENTER_SECRETS_KEY or the key file changed?)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt the saved secret: " + e.getMessage(), e);
        }
    }

    private SecretKeySpec key(boolean createIfMissing) {
        SecretKeySpec known = key;
        if (known == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(keyBytes(createIfMissing), "AES");
                }
                known = key;
            }
        }
        return known;
    }

    private byte[] keyBytes(boolean createIfMissing) {
        if (settings.key() != null && !settings.key().isBlank()) {
            return decode(settings.key().strip(), "commandcenter.secrets.key");
        }
        Path file = settings.keyFile();
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file).strip(), file.toString());
            }
            if (!createIfMissing) {
                throw new IllegalStateException("no key to open saved secrets: set COMMANDCENTER_SECRETS_KEY or restore "
                        + file);
            }
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            Files.createDirectories(file.toAbsolutePath().getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                return decode(Files.readString(file).strip(), file.toString()); // another node made it first
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n");
            log.info("Created the key for saved cloud secrets in " + file + ": back it up with the database,"
                    + " or set COMMANDCENTER_SECRETS_KEY instead");
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secrets key " + file, e);
        }
    }

    private static byte[] decode(String base64, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(where + " must be 32 bytes (base64 of openssl rand -base64 32), not "
                    + bytes.length);
        }
        return bytes;
    }
}
