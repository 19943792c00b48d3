// The case sheet: contestable dates (the ambiguity alarm, the readings of the
// law that change the case) and warnings, the decisions with their
// legal basis, and the place for the date and signature.
#include "sheet.hpp"

#include "sejour61/contest.hpp"
#include "sejour61/io.hpp"

namespace sejour61 {
namespace report {

namespace {

// The date the outcome retains for a sensitivity's field (status: "sensitivities").
std::optional<Date> retained(const Outcome& o, const std::string& field) {
    if (field == "document.until") return o.current() ? o.current()->doc_end : std::nullopt;
    const std::string prefix = "deadlines.";
    if (field.compare(0, prefix.size(), prefix) == 0)
        for (const auto& d : o.deadlines)
            if (d.id == field.substr(prefix.size())) return d.date;
    return std::nullopt;
}

std::string field_label(const std::string& field, const Messages& m) { return text(m, "sens.field." + field); }

void contestable(std::ostringstream& h, const Sheet& s) {
    const Messages& m = s.m;
    if (s.o.sensitivities.empty()) {
        h << "<p id=\"contestable\">" << text(m, "report.contestable_none", {{"on", long_date(s.o.on, m)}}) << "</p>\n";
        return;
    }
    h << "<h3>" << text(m, "label.contestable") << "</h3>\n<table id=\"contestable\">\n<colgroup><col style=\"width:28%\">"
         "<col style=\"width:20%\"><col style=\"width:20%\"><col style=\"width:32%\"></colgroup>\n<thead><tr><th>"
      << text(m, "report.col.date_of") << "</th><th>" << text(m, "report.col.retained") << "</th><th>"
      << text(m, "report.col.alternative") << "</th><th>" << text(m, "report.col.convention") << "</th></tr></thead>\n";
    for (const auto& x : s.o.sensitivities) {
        const std::optional<Date> kept = retained(s.o, x.field);
        h << "<tr data-field=\"" << esc(x.field) << "\" data-convention=\"" << esc(x.convention) << "\"><td>"
          << field_label(x.field, m) << "</td><td>" << (kept ? esc(long_date(*kept, m)) : "—") << "</td><td><strong>"
          << esc(long_date(x.date, m)) << "</strong></td><td>" << text(m, "sens.convention." + x.convention)
          << "</td></tr>\n";
    }
    h << "</table>\n";
}

// The readings of the law that change this case (procedure.md §8,
// `sejour61 contest`): the parameter and its other reading with its basis,
// the first divergence, and what that reading gives on the sheet's date.
void readings(std::ostringstream& h, const Sheet& s) {
    if (!s.contest) return;
    const Messages& m = s.m;
    const auto& list = (*s.contest)["readings"];
    if (list.empty()) {
        h << "<p id=\"readings\">"
          << text(m, "report.readings_none", {{"n", std::to_string((*s.contest)["replayed"]["readings"].get<size_t>())}})
          << "</p>\n";
        return;
    }
    h << "<h3>" << text(m, "report.readings") << "</h3>\n<table id=\"readings\">\n<colgroup><col style=\"width:44%\">"
         "<col style=\"width:18%\"><col style=\"width:38%\"></colgroup>\n<thead><tr><th>"
      << text(m, "report.col.reading") << "</th><th>" << text(m, "report.col.first_divergence") << "</th><th>"
      << text(m, "report.col.under_reading", {{"on", format_date(s.o.on)}}) << "</th></tr></thead>\n";
    for (const auto& r : list) {
        h << "<tr data-parameter=\"" << esc(r["parameter"].get<std::string>()) << "\"><td><code>"
          << esc(r["parameter"].get<std::string>()) << "</code><br>"
          << esc(m.get("rules.alternative", {{"value", reading_value(m, r["parameter"].get<std::string>(), r["alternative"]["value"])}})) << "<br><span class=\"muted\">"
          << esc(m.basis(r["alternative"]["basis"].get<std::string>())) << "</span></td><td><strong>"
          << esc(long_date(*parse_date(r["first_divergence"].get<std::string>()), m)) << "</strong></td><td>"
          << esc(contest_situation(r["outcome"], m)) << "</td></tr>\n";
    }
    h << "</table>\n";
}

}  // namespace

void attention_section(std::ostringstream& h, const Sheet& s) {
    const Messages& m = s.m;
    h << "<section id=\"attention\">\n<h2>" << text(m, "report.attention") << "</h2>\n";
    contestable(h, s);
    readings(h, s);
    if (!s.o.warnings.empty()) {
        h << "<h3>" << text(m, "label.warnings") << "</h3>\n<ul id=\"warnings\">\n";
        for (const auto& w : s.o.warnings)
            h << "<li class=\"warn\" data-rule=\"" << esc(w.rule) << "\">" << esc(long_date(w.date, m))
              << " — " << esc(m.render(w.text)) << " <span class=\"muted\">(<span class=\"rule\">" << esc(w.rule)
              << "</span>, " << esc(m.basis(s.book.basis_of(w.rule))) << ")</span></li>\n";
        h << "</ul>\n";
    }
    h << "</section>\n";
}

void decisions_section(std::ostringstream& h, const Sheet& s) {
    const Messages& m = s.m;
    h << "<section id=\"decisions-section\" class=\"long\">\n<h2>" << text(m, "report.decisions") << "</h2>\n";
    h << "<table id=\"decisions\">\n<colgroup><col style=\"width:19%\"><col style=\"width:47%\"><col style=\"width:34%\">"
         "</colgroup>\n<thead><tr><th>"
      << text(m, "report.date") << "</th><th>" << text(m, "report.decision") << "</th><th>" << text(m, "report.basis")
      << "</th></tr></thead>\n";
    for (const auto& d : s.o.decisions)
        h << "<tr data-rule=\"" << esc(d.rule) << "\"><td>" << esc(long_date(d.date, m)) << "</td><td>"
          << esc(m.render(d.text)) << "</td><td>" << esc(m.basis(d.basis)) << "<br><span class=\"muted rule\">" << esc(d.rule)
          << "</span></td></tr>\n";
    h << "</table>\n</section>\n";
}

void signature_section(std::ostringstream& h, const Sheet& s) {
    const Messages& m = s.m;
    // The page that is signed names the case, should the signature stand on a page of its own.
    h << "<section id=\"signature\">\n<h2>" << text(m, "report.signature") << "</h2>\n<p>"
      << text(m, "report.sign.for", {{"case", s.o.case_id}, {"on", long_date(s.o.on, m)}}) << "</p>\n<table class=\"sign\">\n"
         "<colgroup><col style=\"width:18%\"><col style=\"width:32%\"><col style=\"width:18%\"><col style=\"width:32%\">"
         "</colgroup>\n<tr><td>"
      << text(m, "report.sign.place") << "</td><td class=\"line\"></td><td>" << text(m, "report.sign.date")
      << "</td><td class=\"line\"></td></tr>\n<tr><td>" << text(m, "report.sign.name")
      << "</td><td class=\"line\"></td><td>" << text(m, "report.sign.signature")
      << "</td><td class=\"line\"></td></tr>\n</table>\n<footer class=\"muted\">" << text(m, "report.generated")
      << "</footer>\n</section>\n";
}

}  // namespace report
}  // namespace sejour61
