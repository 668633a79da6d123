package dev.bastion.access.edge;

import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import inet.ipaddr.IPAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The IP filter setting: {@code off}, {@code allow} (only the listed CIDRs may connect) or
 * {@code deny} (the listed CIDRs may not).
 */
@ApplicationScoped
public class IpFilter {

    @Inject
    SettingsService settings;

    /** Why {@code client} is refused, or empty when it may pass. */
    public Optional<String> refusal(IPAddress client) {
        String mode = settings.getText(SettingKey.IP_FILTER_MODE);
        if (mode.equals("off")) {
            return Optional.empty();
        }
        if (client == null) {
            return Optional.of("the client address is unknown and the IP filter is on");
        }
        boolean listed = ClientAddress.within(client, settings.getCidrs(SettingKey.IP_FILTER_CIDRS));
        if (mode.equals("allow") && !listed) {
            return Optional.of("address " + client + " is not on the allow-list");
        }
        if (mode.equals("deny") && listed) {
            return Optional.of("address " + client + " is on the deny-list");
        }
        return Optional.empty();
    }
}
