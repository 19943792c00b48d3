#include "sejour61/contest.hpp"

#include "sejour61/io.hpp"
#include "sejour61/views.hpp"

#include <set>
#include <sstream>

namespace sejour61 {

using json = nlohmann::ordered_json;

namespace {

bool same(const Outcome& a, const Period* pa, const Outcome& b, const Period* pb) {
    if (!pa || !pb) return pa == pb;
    if (pa->state != pb->state || pa->document != pb->document || pa->from != pb->from || pa->doc_end != pb->doc_end)
        return false;
    // A closed period is the last: the closure reason is the outcome's.
    return pa->state != State::closed || a.closure_reason == b.closure_reason;
}

json date_or_null(const std::optional<Date>& d) { return d ? json(format_date(*d)) : json(nullptr); }

// What covers `d`: {"state", "document", "from", "until", "rule"} (null before the case starts).
json situation(const Outcome& o, const Date& d) {
    const Period* p = o.covering(d);
    if (!p) return nullptr;
    json j{{"state", state_name(p->state)},
           {"document", p->document.empty() ? json(nullptr) : json(p->document)},
           {"from", format_date(p->from)},
           {"until", date_or_null(p->doc_end)},
           {"rule", p->rule}};
    if (p->state == State::closed)
        j["closure_reason"] = o.closure_reason ? json(*o.closure_reason) : json(nullptr);
    return j;
}

struct Candidate {
    std::string key;
    const Param* current;  ///< as the first rule set that lists the reading has it
    const Alternative* alternative;
    std::string regime;
};

// Every (parameter, alternative) of the selection's rule sets, once, in key
// order; the rule set governing `on` describes the current reading when it
// lists the alternative.
std::vector<Candidate> candidates(const Selection& sel, const Date& on) {
    std::vector<const RuleSet*> sets;
    if (const RuleSet* at = sel.at(on)) sets.push_back(at);
    for (const auto& rs : sel.rule_sets()) sets.push_back(&rs);
    std::vector<Candidate> out;
    std::set<std::pair<std::string, std::string>> seen;
    for (const RuleSet* rs : sets)
        for (const auto& [key, p] : rs->params)
            for (const auto& a : p.alternatives)
                if (seen.insert({key, value_json(a.value).dump()}).second) out.push_back({key, &p, &a, rs->id});
    std::stable_sort(out.begin(), out.end(), [](const Candidate& x, const Candidate& y) { return x.key < y.key; });
    return out;
}

}  // namespace

std::optional<Date> first_divergence(const Outcome& a, const Outcome& b, const Date& on) {
    std::set<Date> starts;
    for (const Outcome* o : {&a, &b})
        for (const auto& p : o->periods)
            if (p.from <= on) starts.insert(p.from);
    for (const Date& d : starts)
        if (!same(a, a.covering(d), b, b.covering(d))) return d;
    return std::nullopt;
}

json contest_json(const Case& c, const std::shared_ptr<const RuleBook>& book, const std::optional<std::string>& pinned,
                  const std::vector<std::string>& reforms, const Date& on) {
    Selection sel(book, pinned, reforms);
    const Outcome base = replay(c, sel, on, ReplayOptions{false, false});
    json doc;
    doc["format"] = "sejour61.contest/1";
    doc["case"] = c.id;
    doc["on"] = format_date(on);
    doc["regime"] = base.regime;
    doc["reforms"] = base.reforms;
    doc["outcome"] = situation(base, on);
    doc["readings"] = json::array();
    std::set<std::string> parameters;
    const auto cands = candidates(sel, on);
    for (const auto& k : cands) {
        parameters.insert(k.key);
        Selection alt_sel(book, pinned, reforms, Reading{k.key, k.alternative->value});
        const Outcome alt = replay(c, alt_sel, on, ReplayOptions{false, false});
        const auto at = first_divergence(base, alt, on);
        if (!at) continue;
        json r;
        r["parameter"] = k.key;
        r["current"] = json{{"value", value_json(k.current->value)},
                            {"basis", k.current->basis},
                            {"status", k.current->status},
                            {"regime", k.regime}};
        r["alternative"] = json{{"value", value_json(k.alternative->value)}, {"basis", k.alternative->basis}};
        r["first_divergence"] = format_date(*at);
        r["state"] = state_name(alt.state());
        r["closure_reason"] = alt.closure_reason ? json(*alt.closure_reason) : json(nullptr);
        const Period* cur = alt.current();
        r["document"] = cur && !cur->document.empty()
                            ? json{{"id", cur->document}, {"from", format_date(cur->from)}, {"until", date_or_null(cur->doc_end)}}
                            : json(nullptr);
        r["at_divergence"] = json{{"current", situation(base, *at)}, {"alternative", situation(alt, *at)}};
        r["outcome"] = situation(alt, on);
        r["periods"] = timeline_json(alt, *book)["periods"];
        doc["readings"].push_back(std::move(r));
    }
    doc["replayed"] = json{{"readings", cands.size()}, {"parameters", parameters.size()}};
    stamp(doc, *book);
    return doc;
}

// "provisional stay (art. 61/3), AI valid from … to … inclusive" /
// "closed (reflection lapsed …) since …".
std::string contest_situation(const json& s, const Messages& m) {
    if (s.is_null()) return m.get("contest.before_start");
    std::string t = m.get("state." + s["state"].get<std::string>());
    if (s.contains("closure_reason") && !s["closure_reason"].is_null())
        t += " (" + m.get("closure." + std::string(closure_wording(s["closure_reason"].get_ref<const std::string&>(), s["rule"].get_ref<const std::string&>()))) + ")";
    if (!s["document"].is_null()) {
        t += ", " + m.get("docshort." + s["document"].get<std::string>()) + " ";
        t += s["until"].is_null() ? m.get("label.since", {{"date", s["from"].get<std::string>()}})
                                  : m.get("label.valid", {{"from", s["from"].get<std::string>()}, {"until", s["until"].get<std::string>()}});
    } else {
        t += " " + m.get("label.since", {{"date", s["from"].get<std::string>()}});
    }
    return t;
}

// A parameter's value as a reader sees it: a text without JSON's quotes.
std::string reading_value(const Messages& m, const std::string& key, const json& v) {
    if (v.is_boolean()) return m.get(v.get<bool>() ? "value.true" : "value.false") + " (" + v.dump() + ")";
    if (!v.is_string()) return v.dump();
    const std::string s = v.get<std::string>();
    return m.has("value." + key + "." + s) ? m.get("value." + key + "." + s) + " (" + s + ")" : s;
}

std::string contest_text(const json& doc, const Messages& m) {
    std::ostringstream s;
    const std::string n = std::to_string(doc["replayed"]["readings"].get<size_t>());
    const std::string k = std::to_string(doc["replayed"]["parameters"].get<size_t>());
    s << m.get("contest.title", {{"case", printable(doc["case"].get<std::string>())}, {"on", doc["on"].get<std::string>()},
                                 {"regime", doc["regime"].get<std::string>()},
                                 {"reforms", regime_label("", doc["reforms"].get<std::vector<std::string>>(), m)}})
      << "\n"
      << m.get("contest.outcome", {{"outcome", contest_situation(doc["outcome"], m)}}) << "\n\n";
    const auto& readings = doc["readings"];
    if (readings.empty()) {
        s << m.get("contest.none", {{"readings", n}, {"parameters", k}}) << "\n";
        return s.str();
    }
    s << m.get(readings.size() == 1 ? "contest.some_one" : "contest.some",
               {{"readings", n}, {"parameters", k}, {"changed", std::to_string(readings.size())}})
      << "\n";
    int i = 0;
    for (const auto& r : readings) {
        const auto& cur = r["current"];
        const std::string key = r["parameter"].get<std::string>();
        s << "\n" << ++i << ". " << r["parameter"].get<std::string>() << "\n"
          << "   " << m.get("contest.applied", {{"value", reading_value(m, key, cur["value"])}}) << "  ["
          << m.get("grade." + cur["status"].get<std::string>()) << m.get("punct.semicolon")
          << m.basis(cur["basis"].get<std::string>()) << "]\n"
          << "   " << m.get("rules.alternative", {{"value", reading_value(m, key, r["alternative"]["value"])}}) << "  ["
          << m.basis(r["alternative"]["basis"].get<std::string>()) << "]\n"
          << "   " << m.get("contest.first_divergence", {{"date", r["first_divergence"].get<std::string>()}}) << "\n"
          << "     " << m.get("contest.applied", {{"value", contest_situation(r["at_divergence"]["current"], m)}}) << "\n"
          << "     " << m.get("rules.alternative", {{"value", contest_situation(r["at_divergence"]["alternative"], m)}}) << "\n"
          << "   " << m.get("contest.on", {{"on", doc["on"].get<std::string>()}, {"outcome", contest_situation(r["outcome"], m)}})
          << "\n";
    }
    return s.str();
}

}  // namespace sejour61
