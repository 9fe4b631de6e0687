package io.openwaba.webhooks;

/** A webhook could not be registered: the URL is refused or the handshake failed. Nothing was saved. */
public class WebhookRegistrationFailed extends RuntimeException {
    public WebhookRegistrationFailed(String message) {
        super(message);
    }
}
