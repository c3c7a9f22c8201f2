package org.newplos.users;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads staff accounts for Spring Security's sign-in (form login and HTTP Basic). */
@Service
class AccountDetailsService implements UserDetailsService {

    private final Users users;

    AccountDetailsService(Users users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return users.credentials(email)
                .map(c -> org.springframework.security.core.userdetails.User.withUsername(c.email())
                        .password(c.passwordHash())
                        .authorities(List.of(new SimpleGrantedAuthority(c.role().authority())))
                        .disabled(!c.enabled())
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
