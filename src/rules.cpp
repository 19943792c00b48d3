#include "sejour61/rules.hpp"

#include "sejour61/case.hpp"
#include "sejour61/json_parse.hpp"
#include "sejour61/io.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <dlfcn.h>

#ifndef SEJOUR61_INSTALL_RULES_DIR
#define SEJOUR61_INSTALL_RULES_DIR ""
#endif

namespace sejour61 {

namespace fs = std::filesystem;
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
        {"renewal_request.days_before_end", ParamSpec::integer, 0, {}},
        {"eligibility.smuggling_excludes_eea", ParamSpec::boolean, 0, {}},
        {"mena.unconditional", ParamSpec::boolean, 0, {}},
        {"diplomatic.labour_track", ParamSpec::boolean, 0, {}},
        {"reflection.annex15_decree_from", ParamSpec::date_or_null, 0, {}, false},
    };
    return specs;
}

std::string read_text_file(const std::string& path) {
    try {
        return read_bounded(path, 4u << 20, path);
    } catch (const std::exception& e) {
        throw RulesError(e.what());
    }
}

std::vector<std::string> rules_dir_candidates() {
    // 1. $SEJOUR61_RULES: the operator's explicit choice.
    std::vector<std::string> out;
    if (const char* env = std::getenv("SEJOUR61_RULES"); env && *env) {
        out.push_back(env);
        return out;
    }
    // 2. Next to the library (or the statically linked program) itself:
    //    <dir>/share/sejour61/rules (a build tree lays one there), then
    //    <dir>/../share/... for bin/ and lib/, up to lib/<arch>/ and
    //    lib/python3/dist-packages/: a prefix can be moved as a whole.
    Dl_info info{};
    std::string self;
    if (dladdr(reinterpret_cast<void*>(&rules_dir_candidates), &info) && info.dli_fname) self = info.dli_fname;
    std::error_code ec;
    if (self.empty() || self.find('/') == std::string::npos) self = fs::read_symlink("/proc/self/exe", ec).string();
    if (!self.empty()) {
        fs::path dir = fs::weakly_canonical(self, ec).parent_path();
        for (const char* up : {".", "..", "../..", "../../.."})
            out.push_back((dir / up / "share/sejour61/rules").lexically_normal().string());
    }
    // 3. The data directory of the prefix it was configured for.
    if (*SEJOUR61_INSTALL_RULES_DIR) out.push_back(SEJOUR61_INSTALL_RULES_DIR);
    return out;
}

std::string default_rules_dir() {
    auto cands = rules_dir_candidates();
    std::error_code ec;
    if (std::getenv("SEJOUR61_RULES") && *std::getenv("SEJOUR61_RULES")) return cands.front();
    for (const auto& c : cands)
        if (fs::is_directory(c, ec)) return fs::weakly_canonical(c, ec).string();
    std::string tried;
    for (const auto& c : cands) tried += (tried.empty() ? "" : ", ") + c;
    throw RulesError("no rule directory found (looked in: " + tried +
                     "); set SEJOUR61_RULES or give the directory (--rules-dir, s61_rules_open, Rules(rules_dir))");
}

namespace {


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
    p.renewal_request_days_before_end = i("renewal_request.days_before_end");
    p.smuggling_excludes_eea = b("eligibility.smuggling_excludes_eea");
    p.mena_unconditional = b("mena.unconditional");
    p.labour_track = b("diplomatic.labour_track");
    if (auto it = m.find("reflection.annex15_decree_from");
        it != m.end() && std::holds_alternative<std::string>(it->second.value))
        p.annex15_decree_from = parse_date(std::get<std::string>(it->second.value));
    return p;
}

}  // namespace

struct RuleBookLoader {
    static void regime(RuleBook& book, const FileReader& r, const json& j) {
        r.only_keys(j, "", {"format", "id", "title", "instrument", "in_force", "extends", "parameters", "note"});
        RuleSet rs;
        rs.file = r.file;
        rs.id = r.text(j, "", "id");
        rs.title = r.text(j, "", "title");
        rs.instrument = r.text(j, "", "instrument");
        const json& f = r.need(j, "", "in_force");
        if (!f.is_object()) r.fail("in_force", std::string("must be an object, not ") + json_type_name(f));
        r.only_keys(f, "in_force", {"from", "until"});
        auto from = r.date_or_null(f, "in_force", "from", true);
        if (!from) r.fail("in_force.from", "must be a date, not null");
        rs.in_force_from = *from;
        rs.in_force_until = r.date_or_null(f, "in_force", "until", true);
        if (rs.in_force_until && *rs.in_force_until < rs.in_force_from)
            r.fail("in_force.until", "is before in_force.from");
        rs.params = read_params(r, r.need(j, "", "parameters"), r.file);
        if (j.contains("extends")) {
            // A dated overlay: only what changes; the rest comes from the regime
            // it extends (resolved once every regime is read).
            rs.extends = r.text(j, "", "extends");
        } else {
            require_all(r, rs);
        }
        for (const auto& other : book.regimes_)
            if (other.id == rs.id) r.fail("id", "\"" + rs.id + "\" is already defined in " + other.file);
        book.regimes_.push_back(std::move(rs));
    }

    static void require_all(const FileReader& r, RuleSet& rs) {
        for (const auto& s : param_specs())
            if (s.required && !rs.params.count(s.key))
                r.fail(std::string("parameters.\"") + s.key + "\"", rs.extends.empty() ? "is required in a regime"
                                                                                      : "is required (in this regime or the one it extends)");
        rs.p = typed(rs.params);
    }

    // Regimes written as overlays ("extends"): every parameter of the regime
    // they extend, then their own. Chains are allowed; cycles are errors.
    static void resolve_extends(RuleBook& book) {
        std::set<std::string> done;
        for (const auto& rs : book.regimes_)
            if (rs.extends.empty()) done.insert(rs.id);
        for (size_t round = 0; done.size() < book.regimes_.size(); ++round) {
            bool progress = false;
            for (auto& rs : book.regimes_) {
                if (done.count(rs.id)) continue;
                const RuleSet* base = nullptr;
                for (const auto& b : book.regimes_)
                    if (b.id == rs.extends) base = &b;
                FileReader r{rs.file};
                if (!base) r.fail("extends", "\"" + rs.extends + "\" is not a regime of this directory");
                if (!done.count(base->id)) continue;
                std::map<std::string, Param> merged = base->params;
                for (auto& [k, p] : rs.params) merged[k] = p;
                rs.params = std::move(merged);
                require_all(r, rs);
                done.insert(rs.id);
                progress = true;
            }
            if (!progress) {
                for (const auto& rs : book.regimes_)
                    if (!done.count(rs.id))
                        FileReader{rs.file}.fail("extends", "\"" + rs.extends + "\" leads to a cycle of regimes");
            }
        }
    }

    static void reform(RuleBook& book, const FileReader& r, const json& j) {
        r.only_keys(j, "", {"format", "id", "title", "basis", "status", "hypothetical_in_force", "parameters", "note"});
        Reform rf;
        rf.file = r.file;
        rf.id = r.text(j, "", "id");
        rf.title = r.text(j, "", "title");
        rf.basis = r.text(j, "", "basis");
        rf.status = r.text(j, "", "status");
        rf.hypothetical_in_force = r.date_or_null(j, "", "hypothetical_in_force", false);
        rf.params = read_params(r, r.need(j, "", "parameters"), r.file);
        for (const auto& other : book.reforms_)
            if (other.id == rf.id) r.fail("id", "\"" + rf.id + "\" is already defined in " + other.file);
        book.reforms_.push_back(std::move(rf));
    }

    static void memberships(RuleBook& book, const FileReader& r, const json& j) {
        r.only_keys(j, "", {"format", "title", "basis", "members", "note"});
        const json& list = r.need(j, "", "members");
        if (!list.is_array()) r.fail("members", "must be an array");
        for (size_t i = 0; i < list.size(); ++i) {
            std::string where = "members[" + std::to_string(i) + "]";
            const json& m = list[i];
            if (!m.is_object()) r.fail(where, "must be an object");
            r.only_keys(m, where, {"code", "from", "until", "basis"});
            Membership mb;
            mb.code = r.text(m, where, "code");
            auto from = r.date_or_null(m, where, "from", true);
            if (!from) r.fail(where + ".from", "must be a date");
            mb.from = *from;
            mb.until = r.date_or_null(m, where, "until", true);
            mb.basis = r.text(m, where, "basis");
            book.memberships_.push_back(std::move(mb));
        }
    }

    static void index(RuleBook& book, const FileReader& r, const json& j) {
        r.only_keys(j, "", {"format", "title", "rules", "note"});
        const json& list = r.need(j, "", "rules");
        if (!list.is_array()) r.fail("rules", "must be an array");
        for (size_t i = 0; i < list.size(); ++i) {
            std::string where = "rules[" + std::to_string(i) + "]";
            const json& m = list[i];
            if (!m.is_object()) r.fail(where, "must be an object");
            r.only_keys(m, where, {"id", "title", "basis", "status", "implemented", "note"});
            RuleInfo info{r.text(m, where, "id"), r.text(m, where, "basis"), r.text(m, where, "title"),
                          r.text(m, where, "status")};
            if (info.status != "law" && info.status != "secondary" && info.status != "interpretation")
                r.fail(where + ".status", "\"" + info.status + "\" is not one of: law, secondary, interpretation");
            if (auto it = m.find("implemented"); it != m.end()) {
                if (!it->is_boolean()) r.fail(where + ".implemented", std::string("must be a boolean, not ") + json_type_name(*it));
                info.implemented = it->get<bool>();
            }
            if (book.index_.count(info.id)) r.fail(where + ".id", "\"" + info.id + "\" is listed twice");
            book.index_[info.id] = info;
        }
    }
};

namespace {

constexpr std::size_t kRuleFileLimit = 4u << 20;
const char* const kRequiredFiles[] = {"eu-eea.json", "rule-index.json", "i18n/en.json", "i18n/fr.json", "i18n/nl.json"};

// Every rule file of `dir`: *.json at the top (but the manifest), in reforms/ and in i18n/.
std::vector<std::string> rule_file_names(const std::string& dir) {
    std::vector<std::string> names;
    try {
        for (const char* sub : {"", "reforms", "i18n"}) {
            fs::path d = fs::path(dir) / sub;
            if (*sub && !fs::exists(d)) continue;
            for (const auto& e : fs::directory_iterator(d)) {
                std::string n = (std::string(sub).empty() ? "" : std::string(sub) + "/") + e.path().filename().string();
                if (e.path().extension() == ".json" && n != "manifest.json") names.push_back(n);
            }
        }
    } catch (const fs::filesystem_error& e) {
        throw RulesError(dir + ": the rule directory cannot be listed: " + e.code().message() + " (" +
                         e.path1().string() + ")");
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::string read_rule_file(const std::string& path) {
    try {
        return read_bounded(path, kRuleFileLimit, path);
    } catch (const std::exception& e) {
        throw RulesError(e.what());
    }
}

// The digest of a rule set: SHA-256 over "name sha256\n" lines, sorted by name.
std::string set_digest(const std::vector<std::pair<std::string, std::string>>& name_sha) {
    std::string lines;
    for (const auto& [n, h] : name_sha) lines += n + " " + h + "\n";
    return "sha256:" + sha256_hex(lines);
}

}  // namespace

void seal_rules_dir(const std::string& dir) {
    nlohmann::ordered_json files = nlohmann::ordered_json::object();
    for (const auto& n : rule_file_names(dir)) files[n] = sha256_hex(read_rule_file((fs::path(dir) / n).string()));
    nlohmann::ordered_json m;
    m["format"] = "sejour61.manifest/1";
    m["note"] = "The rule files of this directory with their SHA-256. The engine refuses a directory whose files "
                "differ from this list. After a reviewed change: sejour61 rules --seal --rules-dir DIR.";
    m["files"] = files;
    try {
        write_atomically((fs::path(dir) / "manifest.json").string(), m.dump(2) + "\n", true);
    } catch (const IoError& e) {
        throw RulesError(e.what());
    }
}

std::shared_ptr<const RuleBook> RuleBook::load(const std::string& dir) {
    std::error_code ec;
    if (dir.empty()) throw RulesError("the rule directory is an empty path");
    if (!fs::is_directory(dir, ec)) throw RulesError(dir + ": rule directory not found");
    // The manifest: every file with its SHA-256. A directory with a file
    // missing, changed or unlisted is refused, naming the file.
    std::string mpath = (fs::path(dir) / "manifest.json").string();
    if (!fs::exists(fs::path(dir) / "manifest.json", ec))
        throw RulesError(mpath + ": missing: a rule directory carries the list of its files with their SHA-256 "
                                 "(write it with: sejour61 rules --seal --rules-dir DIR)");
    json manifest;
    try {
        manifest = parse_json_strict(read_rule_file(mpath));
    } catch (const CaseError& e) {
        throw RulesError(mpath + ": " + e.what());
    }
    FileReader mr{mpath};
    if (!manifest.is_object()) mr.fail("(top level)", "must be an object");
    mr.only_keys(manifest, "", {"format", "note", "files"});
    if (mr.text(manifest, "", "format") != "sejour61.manifest/1") mr.fail("format", "is not sejour61.manifest/1");
    const json& listed = mr.need(manifest, "", "files");
    if (!listed.is_object()) mr.fail("files", "must be an object");
    for (const char* req : kRequiredFiles)
        if (!listed.contains(req)) mr.fail(std::string("files.\"") + req + "\"", "is required in a rule directory");
    auto present = rule_file_names(dir);
    for (const auto& n : present)
        if (!listed.contains(n))
            throw RulesError((fs::path(dir) / n).string() + ": not listed in manifest.json (an unreviewed file; "
                             "seal the directory again after review)");
    std::vector<std::pair<std::string, std::string>> files, name_sha;
    std::vector<std::pair<std::string, std::string>> catalogues;
    for (auto it = listed.begin(); it != listed.end(); ++it) {
        const std::string& name = it.key();
        std::string where = std::string("files.\"") + name + "\"";
        if (!it->is_string() || it->get<std::string>().size() != 64) mr.fail(where, "must be a SHA-256 in hexadecimal");
        if (name.find("..") != std::string::npos || name.empty() || name[0] == '/')
            mr.fail(where, "must name a file inside the rule directory");
        std::string path = (fs::path(dir) / name).string();
        if (!fs::exists(fs::path(path), ec)) throw RulesError(path + ": listed in manifest.json but missing");
        std::string text = read_rule_file(path);
        std::string sha = sha256_hex(text);
        if (sha != it->get<std::string>())
            throw RulesError(path + ": differs from its SHA-256 in manifest.json (changed or truncated; after a "
                                    "reviewed change: sejour61 rules --seal --rules-dir DIR)");
        name_sha.emplace_back(name, sha);
        if (name.rfind("i18n/", 0) == 0) catalogues.emplace_back(name, std::move(text));
        else files.emplace_back(name, std::move(text));
    }
    auto book = from_texts(dir, files);
    auto mutable_book = std::const_pointer_cast<RuleBook>(book);
    for (const auto& [name, text] : catalogues) {
        std::string lang = fs::path(name).stem().string();
        mutable_book->catalogues_[lang] = Messages::from_text((fs::path(dir) / name).string(), lang, text);
    }
    std::sort(name_sha.begin(), name_sha.end());
    mutable_book->digest_ = set_digest(name_sha);
    return book;
}

std::vector<std::string> RuleBook::languages() const {
    std::vector<std::string> out;
    for (const auto& [lang, m] : catalogues_) out.push_back(lang);
    return out;
}

void RuleBook::check_language(const std::string& lang, const std::string& path) const {
    if (catalogues_.count(lang)) return;
    std::string list;
    for (const auto& l : languages()) list += (list.empty() ? "" : ", ") + l;
    bool shaped = lang.size() <= 8 && std::all_of(lang.begin(), lang.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    throw CaseError(path, (shaped ? "\"" + lang + "\" is not" : std::string("is not")) + " a language of the rule files (" + list + ")");
}

const Messages& RuleBook::messages(const std::string& lang) const {
    static const Messages empty;
    auto it = catalogues_.find(lang);
    if (it == catalogues_.end()) it = catalogues_.find("en");
    return it == catalogues_.end() ? empty : *it->second;
}

std::shared_ptr<const RuleBook> RuleBook::from_texts(const std::string& dir,
                                                     const std::vector<std::pair<std::string, std::string>>& files) {
    auto book = std::make_shared<RuleBook>();
    book->dir_ = dir;
    for (const auto& [name, text] : files) {
        std::string path = (fs::path(dir) / name).string();
        bool reforms = name.rfind("reforms/", 0) == 0;
        FileReader r{path};
        json j;
        try {
            j = parse_json_strict(text);  // duplicated keys and excessive nesting are errors here too
        } catch (const CaseError& e) {
            throw RulesError(path + ": " + (e.path().empty() ? std::string() : e.path() + ": ") +
                             (e.path().empty() ? e.what() : std::string(e.what()).substr(e.path().size() + 2)));
        }
        if (!j.is_object()) r.fail("(top level)", "must be an object");
        std::string format = r.text(j, "", "format");
        if (reforms) {
            if (format != "sejour61.reform/1") r.fail("format", "\"" + format + "\" is not sejour61.reform/1");
            RuleBookLoader::reform(*book, r, j);
        } else if (format == "sejour61.rules/1") {
            RuleBookLoader::regime(*book, r, j);
        } else if (format == "sejour61.eu-eea/1") {
            RuleBookLoader::memberships(*book, r, j);
        } else if (format == "sejour61.rule-index/1") {
            RuleBookLoader::index(*book, r, j);
        } else {
            r.fail("format", "\"" + format + "\" is not a known rule file format");
        }
    }
    if (book->regimes_.empty()) throw RulesError(dir + ": no regime (sejour61.rules/1) found");
    RuleBookLoader::resolve_extends(*book);
    if (book->memberships_.empty()) throw RulesError(dir + ": eu-eea.json (sejour61.eu-eea/1) is missing or lists no member");
    {
        std::vector<std::pair<std::string, std::string>> name_sha;
        for (const auto& [name, text] : files) name_sha.emplace_back(name, sha256_hex(text));
        std::sort(name_sha.begin(), name_sha.end());
        book->digest_ = set_digest(name_sha);
    }
    if (book->index_.empty()) throw RulesError(dir + ": rule-index.json (sejour61.rule-index/1) is missing or lists no rule");
    std::sort(book->regimes_.begin(), book->regimes_.end(),
              [](const RuleSet& a, const RuleSet& b) { return a.in_force_from < b.in_force_from; });
    for (size_t i = 1; i < book->regimes_.size(); ++i) {
        const auto& a = book->regimes_[i - 1];
        const auto& b = book->regimes_[i];
        if (!a.in_force_until || *a.in_force_until >= b.in_force_from)
            throw RulesError(b.file + ": in_force: " + format_date(b.in_force_from) + ".. overlaps regime \"" +
                             a.id + "\" of " + a.file + " (" + format_date(a.in_force_from) + ".." +
                             (a.in_force_until ? format_date(*a.in_force_until) : std::string()) + ")");
    }
    for (const auto& rf : book->reforms_)
        for (const auto& rg : book->regimes_)
            if (rf.id == rg.id) throw RulesError(rf.file + ": id: \"" + rf.id + "\" is also a regime id");
    return book;
}

std::string RuleBook::basis_of(const std::string& rule_id) const {
    auto it = index_.find(rule_id);
    return it == index_.end() ? std::string() : it->second.basis;
}

bool RuleBook::eea_national(const std::string& code, const Date& d) const {
    for (const auto& m : memberships_)
        if (m.code == code && d >= m.from && (!m.until || d <= *m.until)) return true;
    return false;
}

Selection::Selection(std::shared_ptr<const RuleBook> book, std::optional<std::string> pinned,
                     std::vector<std::string> reforms)
    : book_(std::move(book)), pinned_(std::move(pinned)) {
    for (const auto& r : reforms)
        if (std::find(reform_ids_.begin(), reform_ids_.end(), r) == reform_ids_.end()) reform_ids_.push_back(r);
    // "ID@YYYY-MM-DD" applies reform ID as if adopted on that date.
    std::vector<const Reform*> rfs;
    for (const auto& spec : reform_ids_) {
        std::string id = spec;
        std::optional<Date> as_of;
        if (auto at = spec.find('@'); at != std::string::npos) {
            id = spec.substr(0, at);
            std::string why;
            as_of = parse_date(spec.substr(at + 1), &why);
            if (!as_of) throw UnknownRuleSet("reform \"" + spec + "\": the date after @ " + why);
        }
        auto it = std::find_if(book_->reforms().begin(), book_->reforms().end(),
                               [&](const Reform& r) { return r.id == id; });
        if (it == book_->reforms().end()) {
            std::string known;
            for (const auto& r : book_->reforms()) known += (known.empty() ? "" : ", ") + r.id;
            throw UnknownRuleSet("unknown reform \"" + id + "\" (known: " + (known.empty() ? "none" : known) + ")");
        }
        if (as_of) {
            dated_.push_back(*it);
            dated_.back().hypothetical_in_force = as_of;
            rfs.push_back(nullptr);
        } else {
            rfs.push_back(&*it);
        }
    }
    for (size_t i = 0, k = 0; i < rfs.size(); ++i)
        if (!rfs[i]) rfs[i] = &dated_[k++];
    std::vector<const RuleSet*> bases;
    if (pinned_) {
        auto it = std::find_if(book_->regimes().begin(), book_->regimes().end(),
                               [&](const RuleSet& r) { return r.id == *pinned_; });
        if (it == book_->regimes().end()) {
            std::string known;
            for (const auto& r : book_->regimes()) known += (known.empty() ? "" : ", ") + r.id;
            throw UnknownRuleSet("unknown regime \"" + *pinned_ + "\" (known: " + known + ")");
        }
        bases.push_back(&*it);
    } else {
        for (const auto& r : book_->regimes()) bases.push_back(&r);
    }
    // A reform with a hypothetical in-force date applies to acts from that
    // date on: one variant of the rule sets per stretch between those dates.
    for (const Reform* rf : rfs)
        if (rf->hypothetical_in_force) thresholds_.push_back(*rf->hypothetical_in_force);
    std::sort(thresholds_.begin(), thresholds_.end());
    thresholds_.erase(std::unique(thresholds_.begin(), thresholds_.end()), thresholds_.end());
    for (size_t k = 0; k <= thresholds_.size(); ++k) {
        std::vector<RuleSet> variant;
        for (const RuleSet* base : bases) {
            RuleSet s = *base;
            for (const Reform* rf : rfs) {
                bool active = !rf->hypothetical_in_force ||
                              (k > 0 && *rf->hypothetical_in_force <= thresholds_[k - 1]);
                if (!active) continue;
                for (const auto& [key, v] : rf->params) s.params[key] = v;
                s.reforms.push_back(rf->id);
            }
            s.p = typed(s.params);
            variant.push_back(std::move(s));
        }
        variants_.push_back(std::move(variant));
    }
}

const RuleSet* Selection::at(const Date& d) const {
    size_t k = static_cast<size_t>(std::upper_bound(thresholds_.begin(), thresholds_.end(), d) - thresholds_.begin());
    const auto& sets = variants_[k];
    if (pinned_) return &sets.front();
    for (const auto& s : sets)
        if (s.in_force_on(d)) return &s;
    return nullptr;
}

}  // namespace sejour61
