package dev.wabots.admin.rest;

import dev.wabots.leads.boundary.LeadFilter;
import dev.wabots.leads.boundary.LeadPage;
import dev.wabots.leads.boundary.LeadView;
import dev.wabots.leads.boundary.Leads;
import dev.wabots.platform.Invalid;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Leads of the caller's bots: list with filters, one lead, status and notes, CSV and XLSX exports. */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class LeadsResource {

  static final Set<String> PATCH_FIELDS = Set.of("status", "notes");

  @Inject Leads leads;

  @GET
  @Path("leads")
  @Operation(summary = "Leads, newest activity first: filters bot, stage, segment, paid (true|false), from/to"
      + " (YYYY-MM-DD, first seen); page from 0, size 1-200")
  public LeadPage list(@QueryParam("bot") String bot, @QueryParam("stage") String stage,
      @QueryParam("segment") String segment, @QueryParam("paid") String paid, @QueryParam("from") String from,
      @QueryParam("to") String to, @QueryParam("page") String page, @QueryParam("size") String size) {
    return leads.list(filter(bot, stage, segment, paid, from, to), ConversationsResource.whole("page", page, 0),
        ConversationsResource.whole("size", size, 50));
  }

  @GET
  @Path("leads/{id}")
  @Operation(summary = "One lead with its answers, quote and payment")
  public Map<String, LeadView> get(@PathParam("id") String id) {
    return Map.of("lead", leads.get(id(id)));
  }

  @PATCH
  @Path("leads/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change the owner's status (new|in_progress|won|lost) and/or notes; audited")
  public Map<String, LeadView> work(@PathParam("id") String id, String body) {
    JsonBody json = JsonBody.parse(body, false).only(PATCH_FIELDS);
    String status = json.text("status");
    String notes = json.text("notes");
    json.done();
    return Map.of("lead", leads.work(id(id), status, notes));
  }

  @GET
  @Path("leads.csv")
  @Produces("text/csv")
  @Operation(summary = "The same leads as CSV for Excel: UTF-8 with BOM; ';' for Russian-speaking people, ',' for"
      + " others (sep=; or sep=, overrides); streamed")
  public Response csv(@QueryParam("bot") String bot, @QueryParam("stage") String stage,
      @QueryParam("segment") String segment, @QueryParam("paid") String paid, @QueryParam("from") String from,
      @QueryParam("to") String to, @QueryParam("sep") String sep, @HeaderParam("Accept-Language") String language) {
    LeadFilter filter = filter(bot, stage, segment, paid, from, to);
    char separator = separator(sep, language);
    leads.list(filter, 0, 1); // refusals (a bot not visible, bad filters) before the answer starts
    StreamingOutput body = out -> leads.exportCsv(filter, separator, out);
    return Response.ok(body, "text/csv; charset=UTF-8")
        .header("Content-Disposition", attachment("csv")).build();
  }

  @GET
  @Path("leads.xlsx")
  @Produces(Leads.XLSX)
  @Operation(summary = "The same leads and columns as an Excel workbook: ids and amounts as numbers, times as dates"
      + " (UTC), text never a formula; streamed")
  public Response xlsx(@QueryParam("bot") String bot, @QueryParam("stage") String stage,
      @QueryParam("segment") String segment, @QueryParam("paid") String paid, @QueryParam("from") String from,
      @QueryParam("to") String to) {
    LeadFilter filter = filter(bot, stage, segment, paid, from, to);
    leads.list(filter, 0, 1); // refusals (a bot not visible, bad filters) before the answer starts
    StreamingOutput body = out -> leads.exportXlsx(filter, out);
    return Response.ok(body, Leads.XLSX).header("Content-Disposition", attachment("xlsx")).build();
  }

  /** {@code attachment; filename="leads-2026-12-04.xlsx"}: the download's name, the day it was made (UTC). */
  public static String attachment(String extension) {
    return "attachment; filename=\"leads-" + LocalDate.now(java.time.ZoneOffset.UTC) + "." + extension + "\"";
  }

  /** Excel uses the list separator of the person's locale: ';' where the decimal comma is (ru, de, fr …). */
  public static char separator(String sep, String acceptLanguage) {
    if (sep != null && !sep.isEmpty()) {
      if (sep.equals(";") || sep.equals(",")) {
        return sep.charAt(0);
      }
      throw Invalid.of("sep", "must be ; or ,");
    }
    String lang = acceptLanguage == null ? "" : acceptLanguage.strip().toLowerCase(Locale.ROOT);
    String first = lang.isEmpty() ? "" : lang.split("[,;\\-_]", 2)[0];
    return Set.of("ru", "uk", "be", "kk", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "tr").contains(first) ? ';' : ',';
  }

  private static long id(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new dev.wabots.platform.NotFound("lead", id);
    }
  }

  /** The query's filter, as the API and the panel's export read it; a bad value is a 400 naming it. */
  public static LeadFilter filter(String bot, String stage, String segment, String paid, String from, String to) {
    Boolean p = null;
    if (paid != null && !paid.isBlank()) {
      if (!paid.equals("true") && !paid.equals("false")) {
        throw Invalid.of("paid", "must be true or false");
      }
      p = paid.equals("true");
    }
    return new LeadFilter(blank(bot), blank(stage), blank(segment), p, day("from", from), day("to", to));
  }

  private static LocalDate day(String name, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw Invalid.of(name, "must be a date YYYY-MM-DD, not '" + text + "'");
    }
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
