// `sejour61 rules` as text: the regimes and reforms with their parameters,
// in the reader's language (headings, grades, bases, titles and dates); the
// ids, keys and values stay as they are.
#include "sejour61/views.hpp"

#include "sejour61/io.hpp"
#include "sejour61/version.h"
#include "sejour61/messages.hpp"

#include <map>
#include <optional>
#include <sstream>

namespace sejour61 {

namespace {

// Grades named as `explain` names them (grade.*), in every language.
std::string grade_text(const Messages& m, const std::string& status) { return m.get("grade." + status); }

// "in force from … to … inclusive": Messages writes the dates out, as everywhere.
std::string in_force(const Messages& m, const Date& from, const std::optional<Date>& until) {
    if (!until) return m.get("rules.in_force_open", {{"from", format_date(from)}});
    return m.get("rules.in_force", {{"from", format_date(from)}, {"until", format_date(*until)}});
}

// "      key = value  [grade; basis]" for each parameter, and under it
// "        other reading: value  [basis]" for each alternative.
// Any sequence of (key, parameter): a rule file's map, or the settings in the order applied.
template <class Params>
void param_lines(std::ostringstream& s, const Params& params, const Messages& m) {
    for (const auto& [k, p] : params) {
        s << "      " << k << " = " << value_json(p.value).dump() << "  [" << grade_text(m, p.status)
          << m.get("punct.semicolon") << m.basis(p.basis) << "]\n";
        for (const auto& a : p.alternatives)
            s << "        " << m.get("rules.alternative", {{"value", value_json(a.value).dump()}}) << "  ["
              << m.basis(a.basis) << "]\n";
    }
}

}  // namespace

std::string rules_text(const RuleBook& book, const Messages& m, const Settings& settings) {
    std::ostringstream s;
    s << m.get("rules.files", {{"dir", printable(book.dir())}}) << "\n"
      << m.get("rules.digest", {{"digest", book.digest()}}) << "\n\n" << m.get("rules.regimes") << "\n";
    for (const auto& r : book.regimes()) {
        s << "  " << r.id << "  "
          << in_force(m, r.in_force_from, r.in_force_until)
          << "\n    " << m.basis(r.title) << "\n    " << m.basis(r.instrument) << "\n";
        if (!r.extends.empty()) s << "    " << m.get("rules.extends", {{"base", r.extends}}) << "\n";
        param_lines(s, r.params, m);
    }
    s << "\n" << m.get("rules.reforms") << "\n";
    if (book.reforms().empty()) s << "  " << m.get("rules.none") << "\n";
    for (const auto& r : book.reforms()) {
        s << "  " << r.id << "  " << m.basis(r.title) << " [" << grade_text(m, r.status) << m.get("punct.semicolon")
          << m.basis(r.basis) << "]\n";
        param_lines(s, r.params, m);
    }
    if (!settings.empty()) {
        s << "\n" << m.get("rules.settings") << "\n";
        param_lines(s, settings, m);
    }
    return s.str();
}

namespace {

using json = nlohmann::ordered_json;

json date_or_null(const std::optional<Date>& d) { return d ? json(format_date(*d)) : json(nullptr); }

// A parameter as `rules --json` lists it; "alternatives" (additive) only
// when the rule file lists other readings.
json param_json(const Param& p) {
    json j{{"value", value_json(p.value)}, {"basis", p.basis}, {"status", p.status}};
    if (!p.alternatives.empty()) {
        j["alternatives"] = json::array();
        for (const auto& a : p.alternatives) {
            j["alternatives"].push_back(json{{"value", value_json(a.value)}, {"basis", a.basis}});
            if (!a.alarm.empty()) j["alternatives"].back()["alarm"] = a.alarm;
        }
    }
    return j;
}

}  // namespace

json rules_json(const RuleBook& book, const Settings& settings) {
    json j;
    j["format"] = "sejour61.rules-list/1";
    j["dir"] = book.dir();
    j["regimes"] = json::array();
    for (const auto& r : book.regimes()) {
        json params = json::object();
        for (const auto& [k, p] : r.params)
            params[k] = param_json(p);
        json reg{{"id", r.id},
                 {"title", r.title},
                 {"instrument", r.instrument},
                 {"in_force", {{"from", format_date(r.in_force_from)}, {"until", date_or_null(r.in_force_until)}}},
                 {"file", r.file},
                 {"parameters", params}};
        if (!r.extends.empty()) {
            // Additive: which regime it overlays, and where each value comes from.
            reg["extends"] = r.extends;
            json from = json::object();
            for (const auto& [k, p] : r.params) from[k] = p.source;
            reg["parameter_files"] = from;
        }
        j["regimes"].push_back(std::move(reg));
    }
    j["reforms"] = json::array();
    for (const auto& r : book.reforms()) {
        json params = json::object();
        for (const auto& [k, p] : r.params)
            params[k] = param_json(p);
        j["reforms"].push_back(json{{"id", r.id},
                                    {"title", r.title},
                                    {"basis", r.basis},
                                    {"status", r.status},
                                    {"hypothetical_in_force", date_or_null(r.hypothetical_in_force)},
                                    {"file", r.file},
                                    {"parameters", params}});
    }
    j["rules"] = json::array();
    for (const auto& [id, info] : book.rule_index())
        j["rules"].push_back(json{{"id", id},
                                  {"title", info.title},
                                  {"basis", info.basis},
                                  {"status", info.status},
                                  {"file", info.file.empty() ? json(nullptr) : json(info.file)},
                                  {"parameters", info.parameters}});
    if (!settings.empty()) {
        json set = json::object();
        for (const auto& [k, p] : settings) set[k] = param_json(p);
        j["settings"] = std::move(set);
    }
    j["digest"] = book.digest();
    j["engine"] = SEJOUR61_VERSION;
    return j;
}

}  // namespace sejour61
