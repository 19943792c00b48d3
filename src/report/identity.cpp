// The case sheet: who the case is about, and the documents held.
#include "sheet.hpp"

namespace sejour61 {
namespace report {

namespace {

void row(std::ostringstream& h, const std::string& id, const std::string& label, const std::string& value_html) {
    h << "<tr id=\"" << id << "\"><th scope=\"row\">" << label << "</th><td>" << value_html << "</td></tr>\n";
}

std::string nationality(const Case& c, const Messages& m) {
    const std::string& code = c.person.nationality;
    const std::string id = "report.nationality." + code;
    return m.has(id) ? esc(code) + " (" + text(m, id) + ")" : esc(code);
}

std::string offence(const Case& c, const Messages& m) {
    if (!c.offence.smuggling) return text(m, "report.offence.trafficking");
    std::string list;
    for (int n : c.offence.aggravating) list += (list.empty() ? "" : ", ") + std::to_string(n) + "°";
    return text(m, "report.offence.smuggling", {{"list", list}});
}

// Minor or of age on the sheet's date, as the outcome says (R-MINOR-AGE).
std::string age(const Case& c, const Outcome& o, const Messages& m) {
    if (!o.minor) return text(m, "report.adult", {{"date", long_date(o.majority, m)}});
    std::string out = text(m, "report.minor", {{"date", long_date(o.majority, m)}});
    out += "<br>" + text(m, o.unaccompanied || c.person.unaccompanied ? "label.guardian" : "report.accompanied");
    return out;
}

// Each reference with its value, or a line to write it on by hand.
void references_row(std::ostringstream& h, const Messages& m, const std::string& notice, const std::string& oe_file,
                    const std::string& centre_file) {
    h << "<tr id=\"references\"><th scope=\"row\">" << text(m, "report.references") << "</th><td>";
    for (const auto& [id, value] : {std::pair<const char*, const std::string&>{"report.ref.notice", notice},
                                    {"report.ref.oe", oe_file},
                                    {"report.ref.centre", centre_file}})
        h << "<div>" << text(m, id) << " "
          << (value.empty() ? std::string("<span class=\"blank\"></span>") : "<strong>" + esc(value) + "</strong>")
          << "</div>";
    h << "</td></tr>\n";
}

}  // namespace

void identity_section(std::ostringstream& h, const Sheet& s) {
    const Messages& m = s.m;
    h << "<section id=\"identity\">\n<h2>" << text(m, "report.identity") << "</h2>\n<table class=\"facts\">\n";
    row(h, "case-id", text(m, "report.case_id"), "<strong>" + esc(s.c.id) + "</strong>");
    row(h, "birth-date", text(m, "report.birth_date"),
        "<span class=\"date\">" + esc(long_date(s.c.person.birth_date, m)) + "</span>");
    row(h, "nationality", text(m, "report.nationality"), nationality(s.c, m));
    row(h, "age", text(m, "report.age"), age(s.c, s.o, m));
    row(h, "offence", text(m, "report.offence"), offence(s.c, m));
    if (s.c.person.employer_immunity)
        row(h, "immunity", text(m, "report.employer"), text(m, "report.employer_immunity"));
    // The case's references (case format, optional): an empty one keeps its blank line to write on.
    const References none;
    const References& r = s.c.references ? *s.c.references : none;
    references_row(h, m, r.prosecutor_notice, r.oe_file, r.centre_file);
    if (s.c.notes && !s.c.notes->empty()) row(h, "notes", text(m, "report.notes"), esc(*s.c.notes));
    h << "</table>\n</section>\n";
}

namespace {

std::string document_cell(const Period& p, const Messages& m) {
    if (p.document.empty()) return "—";
    std::string out = text(m, "doc." + p.document);
    if (p.extensions > 0)
        out += "<br><span class=\"muted\">" +
               text(m, p.document == "ai" ? "label.extension" : "label.renewal", {{"n", std::to_string(p.extensions)}}) +
               "</span>";
    return out;
}

}  // namespace

// Every period of the outcome, numbered as the timeline's bands: the phase,
// the document and its validity as the engine gives it (both days included:
// the column says so).
void documents_section(std::ostringstream& h, const Sheet& s) {
    const Messages& m = s.m;
    const Outcome& o = s.o;
    h << "<section id=\"documents\">\n<h2>" << text(m, "report.documents") << "</h2>\n";
    h << "<table>\n<colgroup><col style=\"width:6%\"><col style=\"width:22%\"><col style=\"width:34%\">"
         "<col style=\"width:19%\"><col style=\"width:19%\"></colgroup>\n<thead><tr><th>"
      << text(m, "report.col.no") << "</th><th>" << text(m, "label.phase") << "</th><th>" << text(m, "label.document")
      << "</th><th>" << text(m, "report.col.from") << "</th><th>" << text(m, "report.col.until") << "</th></tr></thead>\n";
    for (size_t i = 0; i < o.periods.size(); ++i) {
        const Period& p = o.periods[i];
        const std::optional<Date> until = period_until(o, i);
        const bool current = i + 1 == o.periods.size();
        h << "<tr class=\"held" << (current ? " current" : "") << "\" data-state=\"" << state_name(p.state)
          << "\" data-from=\"" << format_date(p.from) << "\" data-until=\"" << (until ? format_date(*until) : "")
          << "\"><td>" << i + 1 << "</td><td>" << text(m, "state." + std::string(state_name(p.state)));
        if (current && o.closure_reason) h << "<br>(" << text(m, "closure." + std::string(o.closure_words())) << ")";
        if (current) h << "<br><span class=\"muted\">" << text(m, "report.current") << "</span>";
        h << "</td><td>" << document_cell(p, m) << "</td><td class=\"date\">" << esc(long_date(p.from, m))
          << "</td><td class=\"date\">"
          << (until ? esc(long_date(*until, m)) : (p.document.empty() ? "—" : text(m, "label.no_end"))) << "</td></tr>\n";
    }
    h << "</table>\n";
    if (const Period* cur = o.current(); cur && !cur->document.empty())
        h << "<p class=\"muted\" id=\"first-issued\">"
          << text(m, "report.first_issued", {{"document", m.get("doc." + cur->document)},
                                             {"date", long_date(cur->first_issued, m)},
                                             {"regime", cur->regime}})
          << "</p>\n";
    h << "</section>\n";
}

}  // namespace report
}  // namespace sejour61
