package dev.wabots.bot;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** One WhatsApp bot: the Meta webhook on this process's port, plus health. */
@ApplicationPath("/")
public class BotApplication extends Application {}
