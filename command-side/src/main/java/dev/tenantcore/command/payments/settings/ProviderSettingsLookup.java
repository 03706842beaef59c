package dev.tenantcore.command.payments.settings;

import dev.tenantcore.api.payments.PaymentProviderSettingsChangedEvent;
import java.time.Instant;

/**
 * The command side's record of each provider's non-secret settings, written by the settings
 * aggregate in its command transaction, so checkout and the providers read the settings as the
 * last event left them, not as a projection has caught up with them.
 */
interface ProviderSettingsLookup {

    /** The settings {@code change} left, as of the aggregate's {@code version}. */
    void record(PaymentProviderSettingsChangedEvent change, long version, Instant at);
}
