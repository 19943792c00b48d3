#include "sejour61/report.hpp"

#include <algorithm>
#include <sstream>

namespace sejour61 {

namespace bg = boost::gregorian;

namespace {

std::string esc(const std::string& s) {
    std::string o;
    for (char c : s) {
        switch (c) {
            case '&': o += "&amp;"; break;
            case '<': o += "&lt;"; break;
            case '>': o += "&gt;"; break;
            case '"': o += "&quot;"; break;
            case '\'': o += "&#39;"; break;
            default: o += c;
        }
    }
    return o;
}

const char* colour(State s) {
    switch (s) {
        case State::detected: return "#9aa5b1";
        case State::reflection: return "#e0a458";
        case State::provisional: return "#4f86c6";
        case State::temporary: return "#2e7d4f";
        case State::indefinite: return "#6a4c93";
        case State::closed: return "#b23a48";
        default: return "#cccccc";
    }
}

void status_section(std::ostringstream& h, const Outcome& o, const RuleBook& book, const Messages& m) {
    const Period* cur = o.current();
    // Status.
    h << "<h2>" << esc(m.get("report.status")) << "</h2>\n<table id=\"status\">\n";
    h << "<tr><th>" << esc(m.get("label.phase")) << "</th><td data-state=\"" << state_name(o.state()) << "\">"
      << esc(m.get("state." + std::string(state_name(o.state()))))
      << (o.closure_reason ? " (" + esc(m.get("closure." + *o.closure_reason)) + ")" : "") << "</td></tr>\n";
    h << "<tr><th>" << esc(m.get("label.document")) << "</th><td id=\"document\">";
    if (cur && !cur->document.empty())
        h << esc(m.get("doc." + cur->document)) << "<br>"
          << esc(m.get("label.valid", {{"from", format_date(cur->from)},
                                       {"until", cur->doc_end ? format_date(*cur->doc_end) : m.get("label.no_end")}}));
    else
        h << esc(m.get("label.none"));
    h << "</td></tr>\n";
    if (cur)
        h << "<tr><th>" << esc(m.get("report.basis")) << "</th><td>" << esc(cur->rule) << " — " << esc(book.basis_of(cur->rule))
          << "</td></tr>\n";
    if (o.minor)
        h << "<tr><th></th><td>" << esc(m.get("label.minor_until", {{"date", format_date(o.majority)}}))
          << (o.unaccompanied ? " (" + esc(m.get("label.guardian")) + ")" : "") << "</td></tr>\n";
    h << "</table>\n";

}

// The timeline as SVG: one band per period, deadlines and the query date as lines.
void timeline_svg(std::ostringstream& h, const Outcome& o, const Messages& m) {
    Date first = o.periods.empty() ? o.on : o.periods.front().from;
    Date last = o.on;
    for (const auto& p : o.periods)
        if (p.doc_end) last = std::max(last, *p.doc_end);
    for (const auto& d : o.deadlines) last = std::max(last, d.date);
    last += bg::days(15);
    first -= bg::days(5);
    const double W = 900, left = 10, right = 10, span = std::max<long>(1, (last - first).days());
    auto x = [&](const Date& d) { return left + (W - left - right) * static_cast<double>((d - first).days()) / span; };
    const int band = 34, top = 20;
    int rows = 1 + static_cast<int>(o.deadlines.size());
    int height = top + band + 30 + rows * 16 + 10;
    h << "<h2>" << esc(m.get("report.timeline")) << "</h2>\n";
    h << "<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << W << "\" height=\"" << height
      << "\" viewBox=\"0 0 " << W << " " << height << "\" role=\"img\" aria-label=\""
      << esc(m.get("report.timeline")) << "\">\n";
    for (size_t i = 0; i < o.periods.size(); ++i) {
        const Period& p = o.periods[i];
        Date end = i + 1 < o.periods.size() ? o.periods[i + 1].from : (p.doc_end ? *p.doc_end + bg::days(1) : last);
        double x0 = x(p.from), x1 = std::max(x0 + 2, x(end));
        h << "<g class=\"period\" data-state=\"" << state_name(p.state) << "\" data-from=\"" << format_date(p.from)
          << "\"><rect x=\"" << x0 << "\" y=\"" << top << "\" width=\"" << (x1 - x0) << "\" height=\"" << band
          << "\" fill=\"" << colour(p.state) << "\" stroke=\"white\"><title>"
          << esc(m.get("state." + std::string(state_name(p.state)))) << (p.document.empty() ? "" : ", " + p.document)
          << ": " << format_date(p.from) << "</title></rect>";
        if (x1 - x0 > 40)
            h << "<text x=\"" << x0 + 3 << "\" y=\"" << top + 21 << "\" fill=\"white\" font-size=\"11\">"
              << esc(p.document.empty() ? std::string(state_name(p.state)) : p.document) << "</text>";
        h << "</g>\n";
    }
    double y = top + band + 18;
    h << "<text x=\"" << left << "\" y=\"" << top - 6 << "\" font-size=\"10\">" << format_date(first + bg::days(5))
      << "</text>\n";
    auto line = [&](const Date& d, const std::string& label, const char* col, const char* cls) {
        double xd = x(d);
        h << "<g class=\"" << cls << "\" data-date=\"" << format_date(d) << "\"><line x1=\"" << xd << "\" y1=\"" << top - 4
          << "\" x2=\"" << xd << "\" y2=\"" << y - 10 << "\" stroke=\"" << col << "\" stroke-dasharray=\"4 2\"/>"
          << "<text x=\"" << std::min(xd + 3, W - 280) << "\" y=\"" << y << "\" font-size=\"11\" fill=\"" << col << "\">"
          << format_date(d) << " " << esc(label) << "</text></g>\n";
        y += 16;
    };
    line(o.on, m.get("report.today"), "#c00000", "today");
    for (const auto& d : o.deadlines) line(d.date, m.get("deadline." + d.id), "#333333", "deadline");
    h << "</svg>\n";

}

void steps_section(std::ostringstream& h, const std::vector<Step>& steps, const Messages& m) {
    // Next steps.
    h << "<h2>" << esc(m.get("report.next")) << "</h2>\n<table id=\"next\">\n<tr><th>"
      << esc(m.get("report.by")) << "</th><th>" << esc(m.get("report.who")) << "</th><th>" << esc(m.get("report.what"))
      << "</th><th>" << esc(m.get("next.if_not")) << "</th><th>" << esc(m.get("report.basis")) << "</th></tr>\n";
    for (const auto& s : steps) {
        const StepWords w = step_words(s, m);  // the same words as `next`
        h << "<tr data-step=\"" << esc(s.id) << "\"><td>" << (s.by ? format_date(*s.by) : esc(m.get("next.no_date")))
          << (s.overdue ? "<br><span class=\"overdue\">" + esc(m.get("next.overdue")) + "</span>" : std::string())
          << "</td><td>" << esc(w.who) << "</td><td>" << esc(w.action) << "</td><td>" << esc(w.if_not)
          << "</td><td>" << esc(s.rule) << "<br><span class=\"muted\">" << esc(s.basis) << "</span></td></tr>\n";
    }
    h << "</table>\n";

}

void decisions_section(std::ostringstream& h, const Outcome& o, const Messages& m) {
    // Decisions and their legal basis.
    h << "<h2>" << esc(m.get("report.decisions")) << "</h2>\n<table id=\"decisions\">\n<tr><th>"
      << esc(m.get("report.date")) << "</th><th>" << esc(m.get("timeline.rule")) << "</th><th>"
      << esc(m.get("report.basis")) << "</th><th>" << esc(m.get("report.decision")) << "</th></tr>\n";
    for (const auto& d : o.decisions)
        h << "<tr data-rule=\"" << esc(d.rule) << "\"><td>" << format_date(d.date) << "</td><td>" << esc(d.rule)
          << "</td><td>" << esc(d.basis) << "</td><td>" << esc(m.render(d.text)) << "</td></tr>\n";
    h << "</table>\n";
    if (!o.warnings.empty()) {
        h << "<h2>" << esc(m.get("label.warnings")) << "</h2>\n<ul id=\"warnings\">\n";
        for (const auto& w : o.warnings)
            h << "<li class=\"warn\">" << format_date(w.date) << " [" << esc(w.rule) << "] " << esc(m.render(w.text)) << "</li>\n";
        h << "</ul>\n";
    }
}

}  // namespace

std::string report_html(const Outcome& o, const std::vector<Step>& steps, const RuleBook& book, const Messages& m) {
    std::ostringstream h;
    std::string reforms;
    for (const auto& r : o.reforms) reforms += " + " + r;
    h << "<!DOCTYPE html>\n<html lang=\"" << m.lang() << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<title>" << esc(m.get("report.title", {{"case", o.case_id}})) << "</title>\n"
      << "<style>\n"
         "body{font-family:sans-serif;margin:2em;color:#222;max-width:60em}"
         "h1{font-size:1.4em;margin-bottom:.2em}h2{font-size:1.1em;border-bottom:1px solid #999;margin-top:1.6em}"
         "table{border-collapse:collapse;width:100%;font-size:.9em}td,th{border:1px solid #ccc;padding:.3em;vertical-align:top;text-align:left}"
         ".muted{color:#666;font-size:.85em}.warn{color:#8a4b00}.overdue{color:#b00000;font-weight:bold}svg text{font-family:sans-serif}"
         "@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}\n"
         "</style>\n</head>\n<body>\n";
    h << "<h1 id=\"title\">" << esc(m.get("report.title", {{"case", o.case_id}})) << "</h1>\n";
    h << "<p class=\"muted\">" << esc(m.get("report.as_of", {{"on", format_date(o.on)}, {"regime", o.regime + reforms}}))
      << "</p>\n";

    status_section(h, o, book, m);
    timeline_svg(h, o, m);
    steps_section(h, steps, m);
    decisions_section(h, o, m);
    h << "<p class=\"muted\">" << esc(m.get("report.generated")) << "</p>\n";
    // Marks the page as laid out (the browser test reads it back).
    h << "<script>window.addEventListener('load',function(){var b=document.getElementById('timeline').getBBox();"
         "document.body.setAttribute('data-rendered',b.width>0&&b.height>0?'ok':'empty');});</script>\n";
    h << "</body>\n</html>\n";
    return h.str();
}

}  // namespace sejour61
