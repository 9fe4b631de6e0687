package io.openwaba.console;

import io.openwaba.tenancy.ConsoleUsers;
import java.util.List;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/**
 * Spring Security guards the console only: its filter is mapped to {@code /console/*}, so the
 * Graph API, the management API, the sandbox and Meta's webhooks keep their own token checks and
 * their own error envelopes. Form login with CSRF on every form, a session cookie that is
 * {@code HttpOnly} and {@code SameSite=Lax} (application.yml), a Content-Security-Policy with no
 * inline scripts, and a lock after repeated wrong passwords.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    @Bean
    SecurityFilterChain console(HttpSecurity http, ConsoleUsers users) throws Exception {
        http.securityMatcher("/console", "/console/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/console/login", "/console/assets/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/console/login").loginProcessingUrl("/console/login")
                        .successHandler((request, response, authentication) -> {
                            users.signedIn(authentication.getName());
                            response.sendRedirect(request.getContextPath() + "/console");
                        })
                        .failureHandler((request, response, failure) -> {
                            var login = request.getParameter("username");
                            boolean locked = failure instanceof LockedException;
                            if (!locked && login != null) {
                                locked = users.failedSignIn(login);
                            }
                            response.sendRedirect(request.getContextPath() + "/console/login?"
                                    + (locked ? "locked" : "error"));
                        }))
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?signed-out"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")));
        return http.build();
    }

    /** Publishes the end of each session (sign-out or time-out), so a signed-out operator goes away. */
    @Bean
    HttpSessionEventPublisher consoleSessionEvents() {
        return new HttpSessionEventPublisher();
    }

    @Bean
    UserDetailsService consoleAccounts(ConsoleUsers users) {
        return login -> users.attemptSignIn(login).map(user -> ConsolePrincipal.of(user, users.locked(user)))
                .orElseThrow(() -> new UsernameNotFoundException("no such console user"));
    }

    @Bean
    org.springframework.security.crypto.password.PasswordEncoder consolePasswords(ConsoleUsers users) {
        return users.encoder();
    }

    /** Maps Spring Security's filter to the console's paths instead of every request. */
    @Bean
    static BeanPostProcessor consoleOnlySecurityFilter() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) throws BeansException {
                if (bean instanceof DelegatingFilterProxyRegistrationBean registration
                        && "securityFilterChainRegistration".equals(name)) {
                    registration.setUrlPatterns(List.of("/console", "/console/*"));
                }
                return bean;
            }
        };
    }
}
