// The case sheet's timeline: one SVG that scales to the printable width. The
// periods are bands numbered as the documents table; the report date and the
// deadlines are lettered markers whose dates and meaning a legend table
// gives in full, so that no label can be clipped or overlap another.
#include "sheet.hpp"

#include <algorithm>
#include <map>

namespace sejour61 {
namespace report {

namespace {

namespace bg = boost::gregorian;

// Fills that stay apart in black and white (light to dark), text that reads on each.
struct Fill {
    const char* fill;
    const char* ink;
};
Fill fill_of(State s) {
    switch (s) {
        case State::detected: return {"#e3e3e3", "#000"};
        case State::reflection: return {"#f0c987", "#000"};
        case State::provisional: return {"#7ea6d6", "#000"};
        case State::temporary: return {"#2e6b47", "#fff"};
        case State::indefinite: return {"#2b1d40", "#fff"};
        case State::closed: return {"url(#hatch)", "#000"};
        default: return {"#ffffff", "#000"};
    }
}

constexpr double W = 1000, L = 24, R = 24, kBar = 44, kRow = 27, kFont = 17;

struct Scale {
    Date first;
    double span;
    double x(const Date& d) const {
        return L + (W - L - R) * std::clamp(static_cast<double>((d - first).days()) / span, 0.0, 1.0);
    }
};

// A marker: one date, the report date and/or the deadlines of that day.
struct Marker {
    Date date;
    bool today = false;
    std::vector<const Deadline*> deadlines;
    int row = 0;
};

std::vector<Marker> markers(const Outcome& o) {
    std::map<Date, Marker> by_date;
    by_date[o.on].date = o.on;
    by_date[o.on].today = true;
    for (const auto& d : o.deadlines) {
        by_date[d.date].date = d.date;
        by_date[d.date].deadlines.push_back(&d);
    }
    std::vector<Marker> out;
    for (auto& [d, mk] : by_date) out.push_back(mk);
    return out;
}

// Rows so that no two letters closer than `gap` share one; returns the row count.
template <class T, class X>
int stagger(std::vector<T>& items, X x, double gap) {
    std::vector<double> last;  // the x of the last item put in each row
    for (auto& it : items) {
        size_t r = 0;
        while (r < last.size() && x(it) - last[r] < gap) ++r;
        if (r == last.size()) last.push_back(-1e9);
        last[r] = x(it);
        it.row = static_cast<int>(r);
    }
    return static_cast<int>(last.size());
}

struct Band {
    size_t index;
    double x0, x1;
    int row = 0;
};

std::string letter(size_t i) { return std::string(1, static_cast<char>('A' + i % 26)) + (i >= 26 ? std::to_string(i / 26) : ""); }

Scale scale_of(const Outcome& o) {
    Date first = o.periods.empty() ? o.on : o.periods.front().from;
    Date last = o.on;
    for (const auto& p : o.periods)
        if (p.doc_end) last = std::max(last, *p.doc_end);
    for (const auto& d : o.deadlines) last = std::max(last, d.date);
    const long days = std::max<long>(1, (last - first).days());
    const long pad = std::max<long>(2, days / 30);
    return {first - bg::days(pad), static_cast<double>(days + 2 * pad)};
}

}  // namespace

namespace {

std::vector<Band> bands_of(const Outcome& o, const Scale& sc) {
    std::vector<Band> out;
    const Date end_of_scale = sc.first + bg::days(static_cast<long>(sc.span));
    for (size_t i = 0; i < o.periods.size(); ++i) {
        const Period& p = o.periods[i];
        // A band runs to the next period, else through the document's last day, else to the edge.
        Date end = i + 1 < o.periods.size() ? o.periods[i + 1].from
                                            : (p.doc_end ? *p.doc_end + bg::days(1) : end_of_scale);
        const double x0 = sc.x(p.from);
        out.push_back({i, x0, std::max(x0 + 3, sc.x(end))});
    }
    return out;
}

// The numbers of bands too narrow to hold them, above the bar; returns the rows used.
int narrow_rows(std::vector<Band>& bands, std::vector<Band*>& narrow) {
    for (auto& b : bands)
        if (b.x1 - b.x0 < 30) narrow.push_back(&b);
    std::vector<Band> copy;
    for (auto* b : narrow) copy.push_back(*b);
    const int rows = copy.empty() ? 0 : stagger(copy, [](const Band& b) { return (b.x0 + b.x1) / 2; }, 30);
    for (size_t i = 0; i < narrow.size(); ++i) narrow[i]->row = copy[i].row;
    return rows;
}

double clamp_x(double x) { return std::clamp(x, L, W - R); }

void draw_bands(std::ostringstream& h, const Outcome& o, std::vector<Band>& bands, double bar_y, const Messages& m) {
    for (auto& b : bands) {
        const Period& p = o.periods[b.index];
        const Fill f = fill_of(p.state);
        h << "<g class=\"period\" data-state=\"" << state_name(p.state) << "\" data-from=\"" << format_date(p.from)
          << "\"><rect x=\"" << b.x0 << "\" y=\"" << bar_y << "\" width=\"" << b.x1 - b.x0 << "\" height=\"" << kBar
          << "\" fill=\"" << f.fill << "\" stroke=\"#000\" stroke-width=\"1\"><title>"
          << text(m, "state." + std::string(state_name(p.state))) << "</title></rect>";
        const double cx = (b.x0 + b.x1) / 2;
        if (b.x1 - b.x0 >= 30)
            h << "<text x=\"" << cx << "\" y=\"" << bar_y + kBar / 2 + 6 << "\" text-anchor=\"middle\" font-size=\""
              << kFont << "\" font-weight=\"bold\" fill=\"" << f.ink << "\""
              << (p.state == State::closed ? " stroke=\"#fff\" stroke-width=\"5\" paint-order=\"stroke\"" : "")
              << ">" << b.index + 1 << "</text>";
        else
            h << "<line x1=\"" << cx << "\" y1=\"" << bar_y - 2 - b.row * kRow << "\" x2=\"" << cx << "\" y2=\""
              << bar_y << "\" stroke=\"#000\"/><text x=\"" << clamp_x(cx) << "\" y=\"" << bar_y - 6 - b.row * kRow
              << "\" text-anchor=\"middle\" font-size=\"" << kFont << "\" font-weight=\"bold\">" << b.index + 1
              << "</text>";
        h << "</g>\n";
    }
}

void draw_markers(std::ostringstream& h, const std::vector<Marker>& ms, const Scale& sc, double bar_y) {
    const double below = bar_y + kBar;
    for (size_t i = 0; i < ms.size(); ++i) {
        const Marker& mk = ms[i];
        const double x = sc.x(mk.date), cy = below + 20 + mk.row * kRow;
        for (const Deadline* d : mk.deadlines)  // the lines the tests and scripts read, one per deadline
            h << "<g class=\"deadline\" data-date=\"" << format_date(d->date) << "\" data-id=\"" << esc(d->id) << "\"></g>";
        h << "<g class=\"" << (mk.today ? "today" : "marker") << "\" data-date=\"" << format_date(mk.date)
          << "\"><line x1=\"" << x << "\" y1=\"" << bar_y - 5 << "\" x2=\"" << x << "\" y2=\"" << cy - 11
          << "\" stroke=\"#000\" stroke-width=\"" << (mk.today ? 3 : 1.5) << "\""
          << (mk.today ? "" : " stroke-dasharray=\"5 3\"") << "/><circle cx=\"" << clamp_x(x) << "\" cy=\"" << cy
          << "\" r=\"11\" fill=\"" << (mk.today ? "#000" : "#fff") << "\" stroke=\"#000\" stroke-width=\"1.5\"/>"
          << "<text x=\"" << clamp_x(x) << "\" y=\"" << cy + 6 << "\" text-anchor=\"middle\" font-size=\"" << kFont - 2
          << "\" font-weight=\"bold\" fill=\"" << (mk.today ? "#fff" : "#000") << "\">" << letter(i) << "</text></g>\n";
    }
}

// Each marker's letter, its date written out, and what falls due that day with its basis.
void legend(std::ostringstream& h, const std::vector<Marker>& ms, const Messages& m) {
    h << "<table id=\"timeline-legend\">\n<colgroup><col style=\"width:6%\"><col style=\"width:22%\">"
         "<col style=\"width:42%\"><col style=\"width:30%\"></colgroup>\n<thead><tr><th></th><th>"
      << text(m, "report.date") << "</th><th>" << text(m, "report.what") << "</th><th>" << text(m, "report.basis")
      << "</th></tr></thead>\n";
    for (size_t i = 0; i < ms.size(); ++i) {
        const Marker& mk = ms[i];
        std::string what, basis;
        if (mk.today) what = "<strong>" + text(m, "report.today") + "</strong>";
        for (const Deadline* d : mk.deadlines) {
            what += (what.empty() ? "" : "<br>") + text(m, "deadline." + d->id);
            basis += (basis.empty() ? "" : "<br>") + esc(m.basis(d->basis));
        }
        h << "<tr data-marker=\"" << letter(i) << "\"><td><strong>" << letter(i) << "</strong></td><td>"
          << esc(long_date(mk.date, m)) << "</td><td>" << what << "</td><td class=\"muted\">" << basis << "</td></tr>\n";
    }
    h << "</table>\n";
}

}  // namespace

void timeline_section(std::ostringstream& h, const Sheet& s) {
    const Outcome& o = s.o;
    const Scale sc = scale_of(o);
    std::vector<Band> bands = bands_of(o, sc);
    std::vector<Band*> narrow;
    const int above = narrow_rows(bands, narrow);
    std::vector<Marker> ms = markers(o);
    const int below = stagger(ms, [&](const Marker& mk) { return sc.x(mk.date); }, 28);
    const double bar_y = above ? 20 + above * kRow : 6;
    const double height = bar_y + kBar + 20 + below * kRow - 4;
    h << "<section id=\"timeline-section\">\n<h2>" << text(s.m, "report.timeline") << "</h2>\n<figure>\n";
    h << "<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " << W << " " << height
      << "\" width=\"" << W << "\" height=\"" << height << "\" role=\"img\" aria-label=\"" << text(s.m, "report.timeline")
      << "\">\n<defs><pattern id=\"hatch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" "
         "patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#fff\"/>"
         "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#000\" stroke-width=\"2\"/></pattern></defs>\n";
    draw_bands(h, o, bands, bar_y, s.m);
    draw_markers(h, ms, sc, bar_y);
    h << "</svg>\n</figure>\n";
    h << "<p class=\"muted\">" << text(s.m, "report.timeline_help") << "</p>\n";
    legend(h, ms, s.m);
    h << "</section>\n";
}

}  // namespace report
}  // namespace sejour61
