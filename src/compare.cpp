#include "sejour61/compare.hpp"

#include "sejour61/contest.hpp"
#include "sejour61/views.hpp"
#include "sejour61/io.hpp"

#include <algorithm>
#include <set>
#include <sstream>

namespace sejour61 {

using json = nlohmann::ordered_json;

RuleSetSpec parse_rule_set_spec(const std::string& spec) {
    RuleSetSpec s;
    s.label = spec;
    std::vector<std::string> parts;
    std::string cur;
    for (char ch : spec) {
        if (ch == '+') {
            parts.push_back(cur);
            cur.clear();
        } else {
            cur += ch;
        }
    }
    parts.push_back(cur);
    for (const auto& p : parts)
        if (p.empty()) throw UnknownRuleSet(say("rule set \"{spec}\": an empty part (expected REGIME[+REFORM]...)", {{"spec", spec}}));
    if (parts[0] != "in-force") s.pinned = parts[0];
    s.reforms.assign(parts.begin() + 1, parts.end());
    return s;
}

std::string with_setting(const std::string& spec, const std::string& setting) {
    auto key_of = [](const std::string& entry) {
        const auto e = split_reform_entry(entry);
        return e.setting ? std::optional<std::string>(e.setting->substr(0, e.setting->find('='))) : std::nullopt;
    };
    const RuleSetSpec parsed = parse_rule_set_spec(spec);
    std::string out = parsed.pinned.value_or("in-force");
    for (const auto& r : parsed.reforms)
        if (!key_of(r) || key_of(r) != key_of(setting)) out += "+" + r;
    return out + "+" + setting;
}

OutcomeFigures figures(const Outcome& o) {
    OutcomeFigures f;
    for (size_t i = 0; i < o.periods.size(); ++i) {
        const Period& p = o.periods[i];
        if (p.from > o.on) continue;
        Date last = o.on;
        if (i + 1 < o.periods.size()) last = std::min(last, o.periods[i + 1].from - boost::gregorian::days(1));
        long days = (last - p.from).days() + 1;
        if (days <= 0) continue;
        if (!p.document.empty()) {
            f.days_with_document += days;
            if (!f.first_document) f.first_document = p.from;
            f.last_document = last;
        } else if (p.state != State::closed) {
            f.days_without_document += days;
        }
        if (p.document == "a_card" && !f.a_card_from) f.a_card_from = p.from;
        if (p.state == State::indefinite && !f.indefinite_from) f.indefinite_from = p.from;
    }
    return f;
}

namespace {

json date_or_null(const std::optional<Date>& d) { return d ? json(format_date(*d)) : json(nullptr); }

}  // namespace

json compare_json(const Case& c, const std::shared_ptr<const RuleBook>& book, const std::vector<RuleSetSpec>& specs,
                  const Date& on) {
    std::vector<Outcome> outs;
    json doc;
    doc["format"] = "sejour61.compare/1";
    doc["case"] = c.id;
    doc["on"] = format_date(on);
    doc["rule_sets"] = json::array();
    for (const auto& s : specs) {
        Selection sel(book, s.pinned, s.reforms);
        outs.push_back(replay(c, sel, on, ReplayOptions{false}));
        const Outcome& o = outs.back();
        OutcomeFigures f = figures(o);
        json tl = timeline_json(o, *book);
        json col;
        col["label"] = s.label;
        col["regime"] = o.regime;
        col["reforms"] = o.reforms;
        col["state"] = state_name(o.state());
        col["closure_reason"] = o.closure_reason ? json(*o.closure_reason) : json(nullptr);
        col["document"] = o.current() && !o.current()->document.empty() ? json(o.current()->document) : json(nullptr);
        col["document_until"] = o.current() ? date_or_null(o.current()->doc_end) : json(nullptr);
        col["days_with_document"] = f.days_with_document;
        col["days_without_document"] = f.days_without_document;
        col["a_card_from"] = date_or_null(f.a_card_from);
        col["indefinite_from"] = date_or_null(f.indefinite_from);
        col["periods"] = tl["periods"];
        col["warnings"] = status_json(o, *book)["warnings"];
        doc["rule_sets"].push_back(std::move(col));
    }
    // First divergence: the earliest day on which a column differs from the
    // first (first_divergence, the one definition contest uses too).
    std::optional<Date> earliest;
    for (size_t i = 1; i < outs.size(); ++i)
        if (auto d = first_divergence(outs[0], outs[i], on); d && (!earliest || *d < *earliest)) earliest = d;
    doc["divergence"] = nullptr;
    if (earliest) {
        const Date d = *earliest;
        json div;
        div["date"] = format_date(d);
        div["rule_sets"] = json::array();
        for (size_t i = 0; i < outs.size(); ++i) {
            const Period* p = outs[i].covering(d);
            div["rule_sets"].push_back(json{
                {"label", specs[i].label},
                {"state", p ? json(state_name(p->state)) : json(nullptr)},
                {"document", p && !p->document.empty() ? json(p->document) : json(nullptr)},
                {"from", p ? json(format_date(p->from)) : json(nullptr)},
                {"until", p ? date_or_null(p->doc_end) : json(nullptr)},
                {"rule", p ? json(p->rule) : json(nullptr)},
                {"basis", p ? json(book->basis_of(p->rule)) : json(nullptr)}});
        }
        doc["divergence"] = std::move(div);
    }
    stamp(doc, *book);
    return doc;
}

std::string compare_text(const json& doc, const Messages& m) {
    std::ostringstream s;
    auto date = [&](const json& v) { return v.is_null() ? std::string("-") : m.date(*parse_date(v.get<std::string>())); };
    s << m.get("compare.title", {{"case", printable(doc["case"].get<std::string>())}, {"on", doc["on"].get<std::string>()}})
      << "\n\n";
    auto num = [](const json& v) { return v.is_null() ? std::string("-") : v.dump(); };
    auto doc_name = [&](const json& v) { return v.is_null() ? std::string("-") : m.get("docshort." + v.get<std::string>()); };
    // The table is built first, then each column is as wide as its longest cell.
    std::vector<std::vector<std::string>> table{{""}};
    for (const auto& c : doc["rule_sets"]) table[0].push_back(c["label"].get<std::string>());
    auto row = [&](const std::string& name, auto get) {
        table.push_back({name});
        for (const auto& c : doc["rule_sets"]) table.back().push_back(get(c));
    };
    row(m.get("compare.state"), [&](const json& c) {
        std::string v = m.get("state." + c["state"].get<std::string>());
        if (!c["closure_reason"].is_null())
            v += " (" + m.get("closure." + std::string(closure_wording(c["closure_reason"].get_ref<const std::string&>(),
                                                           c["periods"].back()["rule"].get_ref<const std::string&>()))) + ")";
        return v;
    });
    row(m.get("compare.document"), [&](const json& c) {
        return doc_name(c["document"]) +
               (c["document_until"].is_null() ? "" : " " + m.get("label.until", {{"date", c["document_until"].get<std::string>()}}));
    });
    row(m.get("compare.a_card_from"), [&](const json& c) { return date(c["a_card_from"]); });
    row(m.get("compare.indefinite_from"), [&](const json& c) { return date(c["indefinite_from"]); });
    row(m.get("compare.days_with"), [&](const json& c) { return num(c["days_with_document"]); });
    row(m.get("compare.days_without"), [&](const json& c) { return num(c["days_without_document"]); });
    size_t most = 0;
    for (const auto& c : doc["rule_sets"]) most = std::max(most, c["periods"].size());
    for (size_t i = 0; i < most; ++i) {
        row(i == 0 ? m.get("compare.periods") : "", [&](const json& c) {
            if (i >= c["periods"].size()) return std::string();
            const json& p = c["periods"][i];
            return date(p["from"]) + " " +
                   (p["document"].is_null() ? m.get("state." + p["state"].get<std::string>()) : doc_name(p["document"]));
        });
    }
    s << text_columns(table, {}, "") << "\n";
    if (doc["divergence"].is_null()) {
        s << m.get("compare.same") << "\n";
        return s.str();
    }
    s << m.get("compare.divergence", {{"date", doc["divergence"]["date"].get<std::string>()}}) << "\n";
    std::vector<std::vector<std::string>> lines;
    for (const auto& c : doc["divergence"]["rule_sets"])
        lines.push_back({c["label"].get<std::string>(),
                         m.get("state." + c["state"].get<std::string>()) + " " + doc_name(c["document"]) + "  (" +
                             (c["rule"].is_null() ? "-" : c["rule"].get<std::string>()) + ", " +
                             (c["basis"].is_null() ? "-" : m.basis(c["basis"].get<std::string>())) + ")"});
    s << text_columns(lines, {}, "  ");
    return s.str();
}

}  // namespace sejour61
