// The A4 case sheet: the page, its print style and the order of its sections.
#include "sejour61/report.hpp"

#include "sheet.hpp"

#include "sejour61/views.hpp"

namespace sejour61 {

namespace report {

std::string esc(const std::string& s) {
    std::string o;
    o.reserve(s.size());
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

std::string long_date(const Date& d, const Messages& m) {
    // The catalogue's date (Messages::date), the day kept with its month on a line.
    std::string out = m.date(d);
    const size_t space = out.find(' ');
    if (space != std::string::npos) out.replace(space, 1, "\u00a0");
    return out;
}

std::string text(const Messages& m, const std::string& id, const std::map<std::string, std::string>& args) {
    return esc(m.get(id, args));
}

std::optional<Date> period_until(const Outcome& o, size_t i) {
    return i + 1 == o.periods.size() ? o.periods[i].doc_end : o.periods[i].until;
}

namespace {

// Print first: A4 with its margins, black text, blocks never cut at a page
// break, tables with fixed columns so that no cell pushes past the margin.
const char* const kStyle =
    "@page{size:A4;margin:15mm 14mm 16mm 14mm}\n"
    "html{font-family:'DejaVu Sans','Liberation Sans',Arial,sans-serif;font-size:8.6pt;line-height:1.3;color:#000;"
    "-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    "body{margin:0}\n"
    "@media screen{body{max-width:182mm;margin:8mm auto;padding:0 4mm}}\n"
    "h1{font-size:14pt;margin:0 0 1mm}\n"
    "h2{font-size:10.5pt;margin:3.5mm 0 1.5mm;padding-bottom:.5mm;border-bottom:.8pt solid #000;break-after:avoid}\n"
    "h3{font-size:9pt;margin:2mm 0 1mm;break-after:avoid}\n"
    "ul{margin:1mm 0;padding-left:5mm}\n"
    "td.fill{height:6mm}\n"
    "section,.block,tr,li,figure{break-inside:avoid}\n"
    "section.long{break-inside:auto}\n"
    "p{margin:1mm 0}\n"
    "table{border-collapse:collapse;width:100%;table-layout:fixed}\n"
    "th,td{border:.5pt solid #555;padding:.8mm 1.2mm;vertical-align:top;text-align:left;overflow-wrap:break-word}\n"
    "th{background:#eee;font-weight:bold}\n"
    "thead{display:table-header-group}\n"
    "table.facts th{width:32%;background:none}\n"
    ".muted{color:#444;font-size:.9em}\n"
    ".rule{font-family:'DejaVu Sans Mono',monospace;font-size:.85em}\n"
    ".box{font-size:12pt;line-height:1}\n"
    "tr.overdue td{border-width:1.2pt;border-color:#000}\n"
    ".overdue-mark{display:inline-block;font-weight:bold;border:1pt solid #000;padding:0 .8mm;margin-top:.5mm}\n"
    "tr.current td{font-weight:bold}\n"
    ".blank{display:inline-block;border-bottom:.6pt solid #000;min-width:60mm;height:5mm}\n"
    "figure{margin:0}\n"
    "svg#timeline{display:block;width:100%;height:auto}\n"
    "svg text{font-family:'DejaVu Sans','Liberation Sans',Arial,sans-serif}\n"
    "#signature{break-before:avoid}\n"
    "#signature footer{margin-top:2mm}\n"
    ".sign td{border:none;padding:1mm 1.2mm;vertical-align:bottom}\n"
    ".sign .line{border-bottom:.6pt solid #000;height:7mm}\n";

}  // namespace
}  // namespace report

std::string report_html(const Case& c, const Outcome& o, const std::vector<Step>& steps, const RuleBook& book,
                        const Messages& m, const nlohmann::ordered_json* contest) {
    using namespace report;
    const Sheet s{c, o, steps, book, m, contest};
    std::ostringstream h;
    h << "<!DOCTYPE html>\n<html lang=\"" << esc(m.lang()) << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<title>" << text(m, "report.title", {{"case", o.case_id}}) << "</title>\n<style>\n"
      << kStyle << "</style>\n</head>\n<body>\n";
    h << "<header class=\"block\">\n<h1 id=\"title\">" << text(m, "report.title", {{"case", o.case_id}}) << "</h1>\n";
    h << "<p class=\"muted\" id=\"as-of\">"
      << text(m, "report.as_of", {{"on", long_date(o.on, m)}, {"regime", o.regime}, {"reforms", regime_label("", o.reforms, m)}})
      << "</p>\n</header>\n";
    identity_section(h, s);
    documents_section(h, s);
    timeline_section(h, s);
    steps_section(h, s);
    contacts_section(h, s);
    attention_section(h, s);
    decisions_section(h, s);
    signature_section(h, s);  // ends with the line saying what made the sheet
    // Marks the page as laid out (the browser test reads it back).
    h << "<script>window.addEventListener('load',function(){var b=document.getElementById('timeline').getBBox();"
         "document.body.setAttribute('data-rendered',b.width>0&&b.height>0?'ok':'empty');});</script>\n";
    h << "</body>\n</html>\n";
    return h.str();
}

}  // namespace sejour61
