package dev.wabots.leads.boundary;

import java.time.LocalDate;

/**
 * Which leads: of one bot, at a stage, of a segment, paid or not, first seen from / to a day (UTC,
 * both inclusive); null means any.
 */
public record LeadFilter(String bot, String stage, String segment, Boolean paid, LocalDate from, LocalDate to) {}
