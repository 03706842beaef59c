package dev.tenantcore.command.crm.channel;

import dev.tenantcore.api.crm.conversation.ChannelKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every {@link ChannelDriver} by kind: the one place that knows which drivers exist. */
@Component
public class ChannelDrivers {

    private final Map<ChannelKind, ChannelDriver> drivers;

    public ChannelDrivers(List<ChannelDriver> drivers) {
        this.drivers = drivers.stream().collect(Collectors.toMap(ChannelDriver::kind, Function.identity()));
    }

    public Optional<ChannelDriver> find(ChannelKind kind) {
        return Optional.ofNullable(drivers.get(kind));
    }
}
