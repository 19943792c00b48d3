#include "sejour61/rules.hpp"

#include "reader.hpp"

#include "sejour61/case.hpp"
#include "sejour61/json_parse.hpp"
#include "sejour61/io.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include <dlfcn.h>

#ifndef SEJOUR61_INSTALL_RULES_DIR
#define SEJOUR61_INSTALL_RULES_DIR ""
#endif

namespace sejour61 {

namespace fs = std::filesystem;
using nlohmann::json;

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

constexpr std::size_t kRuleFileLimit = 4u << 20;

}  // namespace

const char* const kRequiredFiles[5] = {"eu-eea.json", "rule-index.json", "i18n/en.json", "i18n/fr.json", "i18n/nl.json"};

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
    std::sort(name_sha.begin(), name_sha.end());
    auto book = from_texts(dir, files, set_digest(name_sha));
    auto mutable_book = std::const_pointer_cast<RuleBook>(book);
    for (const auto& [name, text] : catalogues) {
        std::string lang = fs::path(name).stem().string();
        mutable_book->catalogues_[lang] = Messages::from_text((fs::path(dir) / name).string(), lang, text);
    }
    return book;
}

}  // namespace sejour61
