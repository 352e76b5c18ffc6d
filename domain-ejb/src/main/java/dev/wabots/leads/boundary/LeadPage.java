package dev.wabots.leads.boundary;

import java.util.List;

/** A page of leads and how many match in all. */
public record LeadPage(List<LeadView> items, long total) {}
