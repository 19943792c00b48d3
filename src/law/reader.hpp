// src/law/reader.hpp — reading rule files (internal to src/law/).
//
// Every rule file is read strictly: unknown keys, wrong types and values out
// of range are errors naming the file and the key (RulesError).
#pragma once

#include "sejour61/json_parse.hpp"
#include "sejour61/rules.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace sejour61 {

using json = nlohmann::json;

/// Reads one rule file; every error names the file and the key.
struct FileReader {
    std::string file;

    [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
        throw RulesError(file + ": " + key + ": " + problem);
    }
    void only_keys(const json& obj, const std::string& where, std::set<std::string> allowed) const {
        for (auto it = obj.begin(); it != obj.end(); ++it)
            if (!allowed.count(it.key()))
                fail(where.empty() ? it.key() : where + "." + it.key(), "unknown key");
    }
    const json& need(const json& obj, const std::string& where, const char* key) const {
        auto it = obj.find(key);
        if (it == obj.end()) fail(where.empty() ? key : where + "." + key, "is required");
        return *it;
    }
    std::string text(const json& obj, const std::string& where, const char* key) const {
        const json& v = need(obj, where, key);
        std::string path = where.empty() ? key : where + "." + key;
        if (!v.is_string()) fail(path, std::string("must be a string, not ") + json_type_name(v));
        if (v.get_ref<const std::string&>().empty()) fail(path, "must not be empty");
        return v.get<std::string>();
    }
    std::optional<Date> date_or_null(const json& obj, const std::string& where, const char* key,
                                     bool required) const {
        std::string path = where + "." + key;
        auto it = obj.find(key);
        if (it == obj.end()) {
            if (required) fail(path, "is required");
            return std::nullopt;
        }
        if (it->is_null()) return std::nullopt;
        if (!it->is_string()) fail(path, std::string("must be a date string or null, not ") + json_type_name(*it));
        std::string why;
        auto d = parse_date(it->get<std::string>(), &why);
        if (!d) fail(path, "\"" + it->get<std::string>() + "\" " + why);
        return d;
    }
};

/// The specification of parameter `key`, or nullptr.
const ParamSpec* find_spec(const std::string& key);
/// The "parameters" object of a regime or reform, checked against
/// param_specs(). In a regime (`regime`), a secondary or interpretation
/// parameter must list its alternative readings ("alternatives", maybe []).
std::map<std::string, Param> read_params(const FileReader& r, const json& obj, const std::string& source, bool regime);
/// The typed view of a complete parameter table.
Params typed(const std::map<std::string, Param>& m);

/// Files every rule directory has.
extern const char* const kRequiredFiles[5];
/// Every rule file of `dir`: *.json at the top (but the manifest), in reforms/ and in i18n/.
std::vector<std::string> rule_file_names(const std::string& dir);
/// A rule file's text, bounded in size (RulesError).
std::string read_rule_file(const std::string& path);
/// The digest of a rule directory: SHA-256 over the sorted (name, SHA-256) pairs.
std::string set_digest(const std::vector<std::pair<std::string, std::string>>& name_sha);

}  // namespace sejour61
