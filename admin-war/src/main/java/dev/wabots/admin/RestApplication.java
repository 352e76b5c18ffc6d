package dev.wabots.admin;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The orchestrator's HTTP API: {@code /admin/**} for people (Bearer JWT from {@code POST
 * /admin/auth/login}), {@code /internal/**} for bot processes (their own per-process JWT).
 * {@code @ApplicationScoped} is required for MP-JWT injection on Payara.
 */
@ApplicationScoped
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"admin", "user", "web", "guest", "bot"})
@OpenAPIDefinition(
    info = @Info(
        title = "wabots orchestrator",
        version = "1",
        description = "Manages a fleet of WhatsApp Cloud API bots: instances, users, audit."))
@SecurityScheme(
    securitySchemeName = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT")
public class RestApplication extends Application {}
