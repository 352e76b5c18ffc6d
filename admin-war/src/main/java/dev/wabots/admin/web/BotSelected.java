package dev.wabots.admin.web;

import dev.wabots.instances.boundary.InstanceView;

/** The fleet page switched to another bot ({@code bot} is null when none is left). */
record BotSelected(InstanceView bot) {}
