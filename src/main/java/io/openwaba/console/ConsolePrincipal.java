package io.openwaba.console;

import io.openwaba.tenancy.ConsoleRole;
import io.openwaba.tenancy.ConsoleUser;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** Who is signed in: the console user, with the role as the one authority. */
public record ConsolePrincipal(String id, String login, String displayName, ConsoleRole role, String businessId,
                               String passwordHash, boolean locked) implements UserDetails {

    static ConsolePrincipal of(ConsoleUser user, boolean locked) {
        return new ConsolePrincipal(user.id(), user.login(), user.displayName(), user.role(), user.businessId(),
                user.passwordHash(), locked);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return login;
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public String toString() {
        return "ConsolePrincipal[" + login + ", " + role + "]";
    }
}
