#include "sejour61/rules.hpp"

#include "reader.hpp"

#include "sejour61/case.hpp"
#include "sejour61/json_parse.hpp"
#include "sejour61/io.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

namespace sejour61 {

using nlohmann::json;

const std::vector<ParamSpec>& param_specs() {
    static const std::vector<ParamSpec> specs = {
        {"reflection.days", ParamSpec::integer, 1, {}},  // at least reflection.min_days (the rule files' floor)
        {"reflection.min_days", ParamSpec::integer, 1, {}},
        {"reflection.document", ParamSpec::text, 0, {"oqt45", "annex15"}},
        {"reflection.working_day_rollover", ParamSpec::boolean, 0, {}},
        {"provisional.months", ParamSpec::integer, 1, {}},
        {"provisional.extension_months", ParamSpec::integer, 1, {}},
        {"provisional.max_extensions", ParamSpec::integer, 0, {}},
        {"temporary.months", ParamSpec::integer, 1, {}},
        {"temporary.max_renewals", ParamSpec::integer_or_null, 0, {}},
        {"indefinite.requires_final_conviction", ParamSpec::boolean, 0, {}},
        {"indefinite.assume_granted", ParamSpec::boolean, 0, {}},
        {"indefinite.requisitions_trigger", ParamSpec::boolean, 0, {}},
        {"mena.first_document", ParamSpec::text, 0, {"ai", "reflection_3m"}},
        {"mena.reflection_months", ParamSpec::integer, 1, {}},
        {"majority.age", ParamSpec::integer, 1, {}},
        {"majority.feb29", ParamSpec::text, 0, {"mar1", "feb28"}},
        {"dates.month_convention", ParamSpec::text, 0, {"quantieme", "same-day-clamped"}},
        {"dates.first_day", ParamSpec::text, 0, {"next_day", "issue_day"}},
        {"prosecutor_consultation.months_before", ParamSpec::integer, 0, {}},
        {"prosecutor_consultation.answered_by_opinion", ParamSpec::boolean, 0, {}},
        {"renewal_request.days_before_end", ParamSpec::integer, 0, {}},
        {"eligibility.smuggling_excludes_eea", ParamSpec::boolean, 0, {}},
        {"mena.unconditional", ParamSpec::boolean, 0, {}},
        {"diplomatic.labour_track", ParamSpec::boolean, 0, {}},
        {"reflection.annex15_decree_from", ParamSpec::date_or_null, 0, {}, false},
        {"reflection.annex15_decree_replaces", ParamSpec::text, 0, {"oqt45", "annex15"}},
        {"reflection.annex15_window_document", ParamSpec::text, 0, {"oqt45", "annex15"}},
        {"closure.appeal_days", ParamSpec::integer, 1, {}},
        {"closure.order_to_leave", ParamSpec::boolean, 0, {}},
        {"closure.other_routes", ParamSpec::boolean, 0, {}},
        {"reflection.end_without_cooperation", ParamSpec::text, 0, {"close", "provisional"}},
        {"conditions.waived", ParamSpec::conditions, 0, {}},
        {"indefinite.after_temporary_years", ParamSpec::integer_or_null, 1, {}},
    };
    return specs;
}

const ParamSpec* find_spec(const std::string& key) {
    for (const auto& s : param_specs())
        if (key == s.key) return &s;
    return nullptr;
}

namespace {

// The value at `path`, checked against the parameter's type and range.
ParamValue checked_value(const FileReader& r, const ParamSpec& spec, const json& v, const std::string& path) {
    switch (spec.kind) {
        case ParamSpec::integer:
        case ParamSpec::integer_or_null:
            if (spec.kind == ParamSpec::integer_or_null && v.is_null()) return std::monostate{};
            if (!v.is_number_integer())
                r.fail(path, std::string("must be an integer") + (spec.kind == ParamSpec::integer_or_null ? " or null" : "") +
                                 ", not " + json_type_name(v));
            if (v.get<long long>() < spec.min || v.get<long long>() > 1200)
                r.fail(path, "must be between " + std::to_string(spec.min) + " and 1200, not " +
                                 std::to_string(v.get<long long>()));
            return v.get<long long>();
        case ParamSpec::date_or_null: {
            if (v.is_null()) return std::monostate{};
            if (!v.is_string()) r.fail(path, std::string("must be a date string or null, not ") + json_type_name(v));
            std::string why;
            if (!parse_date(v.get<std::string>(), &why)) r.fail(path, "\"" + v.get<std::string>() + "\" " + why);
            return v.get<std::string>();
        }
        case ParamSpec::boolean:
            if (!v.is_boolean()) r.fail(path, std::string("must be a boolean, not ") + json_type_name(v));
            return v.get<bool>();
        case ParamSpec::text: {
            if (!v.is_string()) r.fail(path, std::string("must be a string, not ") + json_type_name(v));
            const auto& s = v.get_ref<const std::string&>();
            if (std::find(spec.allowed.begin(), spec.allowed.end(), s) == spec.allowed.end()) {
                std::string list;
                for (const auto& a : spec.allowed) list += (list.empty() ? "" : ", ") + a;
                r.fail(path, "\"" + s + "\" is not one of: " + list);
            }
            return s;
        }
        case ParamSpec::conditions: {
            // procedure.md §8 defines one waiver: conditions 2 and 3 together
            // (as mena-unconditional); conditions 1 and 4 are never waived.
            const bool none = v.is_array() && v.empty();
            const bool both = v.is_array() && v.size() == 2 && v[0] == 2 && v[1] == 3;
            if (!none && !both) r.fail(path, "must be [] or [2, 3] (the conditions of art. 61/4 waived), not " + v.dump());
            return both ? std::vector<long long>{2, 3} : std::vector<long long>{};
        }
    }
    return std::monostate{};
}

// "alternatives": [{"value": ..., "basis": "..."}]: procedure.md §8
// "Contestable readings". Each differs from the parameter's value and from
// the others; a `law` parameter has none.
std::vector<Alternative> read_alternatives(const FileReader& r, const ParamSpec& spec, const json& list,
                                           const std::string& where, const Param& param) {
    const std::string path = where + ".alternatives";
    if (!list.is_array()) r.fail(path, std::string("must be an array, not ") + json_type_name(list));
    if (param.status == "law" && !list.empty()) r.fail(path, "a law parameter has no alternative reading");
    std::vector<Alternative> out;
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string at = path + "[" + std::to_string(i) + "]";
        const json& a = list[i];
        if (!a.is_object()) r.fail(at, std::string("must be an object with value and basis, not ") + json_type_name(a));
        r.only_keys(a, at, {"value", "basis", "alarm"});
        Alternative alt{checked_value(r, spec, r.need(a, at, "value"), at + ".value"), r.text(a, at, "basis"),
                        a.contains("alarm") ? r.text(a, at, "alarm") : std::string()};
        if (alt.value == param.value) r.fail(at + ".value", "is the parameter's own value");
        for (const auto& o : out)
            if (o.value == alt.value) r.fail(at + ".value", "is listed twice");
        out.push_back(std::move(alt));
    }
    return out;
}

}  // namespace

// procedure.md §8 "Parametric reforms": "KEY=VALUE" of --set and +set:,
// checked against the parameter's type; status hypothetical.
std::pair<std::string, Param> parse_setting(const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        throw UnknownRuleSet(say("--set \"{spec}\": expected KEY=VALUE, e.g. reflection.days=60", {{"spec", text}}));
    const std::string key = text.substr(0, eq), raw = text.substr(eq + 1);
    const ParamSpec* spec = find_spec(key);
    if (!spec) throw UnknownRuleSet(say("--set {key}: not a parameter (sejour61 rules lists them)", {{"key", key}}));
    // A JSON value (60, true, null, "text"), else the text as it is (quantieme, 2017-05-04).
    json v = json::parse(raw, nullptr, false);
    if (v.is_discarded()) v = raw;
    Param param;
    try {
        param.value = checked_value(FileReader{"--set"}, *spec, v, key);
    } catch (const RulesError&) {
        const std::vector<std::pair<std::string, std::string>> args{
            {"key", key}, {"value", raw}, {"min", std::to_string(spec->min)}, {"allowed", [&] {
                 std::string list;
                 for (const auto& a : spec->allowed) list += (list.empty() ? "" : ", ") + a;
                 return list;
             }()}};
        switch (spec->kind) {
            case ParamSpec::integer:
                throw UnknownRuleSet(say("--set {key}={value}: the value must be a whole number from {min} to 1200", args));
            case ParamSpec::integer_or_null:
                throw UnknownRuleSet(say("--set {key}={value}: the value must be a whole number from {min} to 1200, or null", args));
            case ParamSpec::boolean:
                throw UnknownRuleSet(say("--set {key}={value}: the value must be true or false", args));
            case ParamSpec::text:
                throw UnknownRuleSet(say("--set {key}={value}: the value must be one of: {allowed}", args));
            case ParamSpec::date_or_null:
                throw UnknownRuleSet(say("--set {key}={value}: the value must be a date YYYY-MM-DD or null", args));
            case ParamSpec::conditions:
                throw UnknownRuleSet(say("--set {key}={value}: the value must be [] or [2,3]", args));
        }
        throw;
    }
    param.basis = kSetByUser;
    param.status = "hypothetical";
    param.source = "--set";
    return {key, std::move(param)};
}

std::map<std::string, Param> read_params(const FileReader& r, const json& obj, const std::string& source,
                                         bool regime) {
    std::map<std::string, Param> out;
    if (!obj.is_object()) r.fail("parameters", std::string("must be an object, not ") + json_type_name(obj));
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        std::string where = "parameters.\"" + it.key() + "\"";
        const ParamSpec* spec = find_spec(it.key());
        if (!spec) r.fail(where, "unknown parameter");
        const json& p = it.value();
        if (!p.is_object()) r.fail(where, std::string("must be an object with value, basis and status, not ") + json_type_name(p));
        r.only_keys(p, where, {"value", "basis", "status", "note", "alternatives"});
        Param param;
        param.value = checked_value(r, *spec, r.need(p, where, "value"), where + ".value");
        param.basis = r.text(p, where, "basis");
        param.status = r.text(p, where, "status");
        if (param.status != "law" && param.status != "secondary" && param.status != "interpretation")
            r.fail(where + ".status", "\"" + param.status + "\" is not one of: law, secondary, interpretation");
        if (auto a = p.find("alternatives"); a != p.end())
            param.alternatives = read_alternatives(r, *spec, *a, where, param);
        else if (regime && param.status != "law")
            r.fail(where + ".alternatives",
                   "is required for a parameter graded " + param.status +
                       ": its other plausible readings, each with its basis, or [] when the sources give none "
                       "(procedure.md §8 'Contestable readings')");
        param.source = source;
        out[it.key()] = std::move(param);
    }
    return out;
}

Params typed(const std::map<std::string, Param>& m) {
    Params p;
    auto i = [&](const char* k) { return static_cast<int>(std::get<long long>(m.at(k).value)); };
    auto b = [&](const char* k) { return std::get<bool>(m.at(k).value); };
    auto s = [&](const char* k) { return std::get<std::string>(m.at(k).value); };
    p.reflection_days = i("reflection.days");
    p.reflection_min_days = i("reflection.min_days");
    p.reflection_document = s("reflection.document");
    p.reflection_rollover = b("reflection.working_day_rollover");
    p.annex15_window_document = s("reflection.annex15_window_document");
    p.annex15_decree_replaces = s("reflection.annex15_decree_replaces");
    p.provisional_months = i("provisional.months");
    p.provisional_extension_months = i("provisional.extension_months");
    p.provisional_max_extensions = i("provisional.max_extensions");
    p.temporary_months = i("temporary.months");
    if (!std::holds_alternative<std::monostate>(m.at("temporary.max_renewals").value))
        p.temporary_max_renewals = i("temporary.max_renewals");
    p.requires_final_conviction = b("indefinite.requires_final_conviction");
    p.assume_granted = b("indefinite.assume_granted");
    p.requisitions_trigger = b("indefinite.requisitions_trigger");
    p.mena_first_document = s("mena.first_document") == "ai" ? MenaFirstDocument::ai : MenaFirstDocument::reflection_3m;
    p.mena_reflection_months = i("mena.reflection_months");
    p.majority_age = i("majority.age");
    p.feb29_to_feb28 = s("majority.feb29") == "feb28";
    p.month_convention = s("dates.month_convention") == "quantieme" ? MonthConvention::quantieme
                                                                     : MonthConvention::same_day_clamped;
    p.first_day = s("dates.first_day") == "next_day" ? FirstDay::next_day : FirstDay::issue_day;
    p.consultation_months_before = i("prosecutor_consultation.months_before");
    p.consultation_answered_by_opinion = b("prosecutor_consultation.answered_by_opinion");
    p.renewal_request_days_before_end = i("renewal_request.days_before_end");
    p.smuggling_excludes_eea = b("eligibility.smuggling_excludes_eea");
    p.mena_unconditional = b("mena.unconditional");
    p.labour_track = b("diplomatic.labour_track");
    p.appeal_days = i("closure.appeal_days");
    p.order_to_leave = b("closure.order_to_leave");
    p.other_routes = b("closure.other_routes");
    p.reflection_end_provisional = s("reflection.end_without_cooperation") == "provisional";
    p.conditions_2_3_waived = !std::get<std::vector<long long>>(m.at("conditions.waived").value).empty();
    if (!std::holds_alternative<std::monostate>(m.at("indefinite.after_temporary_years").value))
        p.indefinite_after_temporary_years = i("indefinite.after_temporary_years");
    if (auto it = m.find("reflection.annex15_decree_from");
        it != m.end() && std::holds_alternative<std::string>(it->second.value))
        p.annex15_decree_from = parse_date(std::get<std::string>(it->second.value));
    return p;
}

}  // namespace sejour61
