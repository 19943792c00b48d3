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
        {"reflection.days", ParamSpec::integer, 30, {}},
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
        {"closure.appeal_days", ParamSpec::integer, 1, {}},
        {"closure.order_to_leave", ParamSpec::boolean, 0, {}},
        {"closure.other_routes", ParamSpec::boolean, 0, {}},
    };
    return specs;
}

const ParamSpec* find_spec(const std::string& key) {
    for (const auto& s : param_specs())
        if (key == s.key) return &s;
    return nullptr;
}

std::map<std::string, Param> read_params(const FileReader& r, const json& obj,
                                          const std::string& source) {
    std::map<std::string, Param> out;
    if (!obj.is_object()) r.fail("parameters", std::string("must be an object, not ") + json_type_name(obj));
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        std::string where = "parameters.\"" + it.key() + "\"";
        const ParamSpec* spec = find_spec(it.key());
        if (!spec) r.fail(where, "unknown parameter");
        const json& p = it.value();
        if (!p.is_object()) r.fail(where, std::string("must be an object with value, basis and status, not ") + json_type_name(p));
        r.only_keys(p, where, {"value", "basis", "status", "note"});
        const json& v = r.need(p, where, "value");
        std::string vpath = where + ".value";
        switch (spec->kind) {
            case ParamSpec::integer:
            case ParamSpec::integer_or_null:
                if (spec->kind == ParamSpec::integer_or_null && v.is_null()) break;
                if (!v.is_number_integer())
                    r.fail(vpath, std::string("must be an integer") +
                                      (spec->kind == ParamSpec::integer_or_null ? " or null" : "") +
                                      ", not " + json_type_name(v));
                if (v.get<long long>() < spec->min || v.get<long long>() > 1200)
                    r.fail(vpath, "must be between " + std::to_string(spec->min) + " and 1200, not " +
                                      std::to_string(v.get<long long>()));
                break;
            case ParamSpec::date_or_null: {
                if (v.is_null()) break;
                if (!v.is_string()) r.fail(vpath, std::string("must be a date string or null, not ") + json_type_name(v));
                std::string why;
                if (!parse_date(v.get<std::string>(), &why)) r.fail(vpath, "\"" + v.get<std::string>() + "\" " + why);
                break;
            }
            case ParamSpec::boolean:
                if (!v.is_boolean()) r.fail(vpath, std::string("must be a boolean, not ") + json_type_name(v));
                break;
            case ParamSpec::text: {
                if (!v.is_string()) r.fail(vpath, std::string("must be a string, not ") + json_type_name(v));
                const auto& s = v.get_ref<const std::string&>();
                if (std::find(spec->allowed.begin(), spec->allowed.end(), s) == spec->allowed.end()) {
                    std::string list;
                    for (const auto& a : spec->allowed) list += (list.empty() ? "" : ", ") + a;
                    r.fail(vpath, "\"" + s + "\" is not one of: " + list);
                }
                break;
            }
        }
        Param param;
        if (v.is_boolean()) param.value = v.get<bool>();
        else if (v.is_number_integer()) param.value = v.get<long long>();
        else if (v.is_string()) param.value = v.get<std::string>();
        else param.value = std::monostate{};
        param.basis = r.text(p, where, "basis");
        param.status = r.text(p, where, "status");
        if (param.status != "law" && param.status != "secondary" && param.status != "interpretation")
            r.fail(where + ".status", "\"" + param.status + "\" is not one of: law, secondary, interpretation");
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
    p.reflection_document = s("reflection.document");
    p.reflection_rollover = b("reflection.working_day_rollover");
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
    if (auto it = m.find("reflection.annex15_decree_from");
        it != m.end() && std::holds_alternative<std::string>(it->second.value))
        p.annex15_decree_from = parse_date(std::get<std::string>(it->second.value));
    return p;
}

}  // namespace sejour61
