#include "sejour61/rules.hpp"

#include "reader.hpp"

#include "sejour61/case.hpp"
#include "sejour61/json_parse.hpp"
#include "sejour61/io.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

namespace sejour61 {

namespace fs = std::filesystem;
using nlohmann::json;

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
        rs.params = read_params(r, r.need(j, "", "parameters"), r.file, true);
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
        if (rs.p.reflection_below_floor())
            r.fail("parameters.\"reflection.days\".value", "must be at least reflection.min_days = " +
                                                              std::to_string(rs.p.reflection_min_days) + ", not " +
                                                              std::to_string(rs.p.reflection_days));
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
        rf.params = read_params(r, r.need(j, "", "parameters"), r.file, false);
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
            r.only_keys(m, where, {"id", "title", "basis", "status", "implemented", "note", "file", "parameters"});
            RuleInfo info;
            info.id = r.text(m, where, "id");
            info.basis = r.text(m, where, "basis");
            info.title = r.text(m, where, "title");
            info.status = r.text(m, where, "status");
            if (info.status != "law" && info.status != "secondary" && info.status != "interpretation")
                r.fail(where + ".status", "\"" + info.status + "\" is not one of: law, secondary, interpretation");
            if (auto it = m.find("implemented"); it != m.end()) {
                if (!it->is_boolean()) r.fail(where + ".implemented", std::string("must be a boolean, not ") + json_type_name(*it));
                info.implemented = it->get<bool>();
            }
            if (auto it = m.find("file"); it != m.end() && !it->is_null()) {
                if (!it->is_string()) r.fail(where + ".file", std::string("must be a string or null, not ") + json_type_name(*it));
                info.file = it->get<std::string>();
            }
            if (auto it = m.find("parameters"); it != m.end()) {
                if (!it->is_array()) r.fail(where + ".parameters", std::string("must be an array, not ") + json_type_name(*it));
                for (size_t k = 0; k < it->size(); ++k) {
                    std::string at = where + ".parameters[" + std::to_string(k) + "]";
                    const json& key = (*it)[k];
                    if (!key.is_string()) r.fail(at, std::string("must be a string, not ") + json_type_name(key));
                    if (!find_spec(key.get<std::string>())) r.fail(at, "\"" + key.get<std::string>() + "\" is not a parameter");
                    info.parameters.push_back(key.get<std::string>());
                }
            }
            if (book.index_.count(info.id)) r.fail(where + ".id", "\"" + info.id + "\" is listed twice");
            book.index_[info.id] = info;
        }
    }
};

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
    throw CaseError(path, shaped ? say("\"{value}\" is not a language of the rule files ({languages})",
                                       {{"value", lang}, {"languages", list}})
                                 : say("is not a language of the rule files ({languages})", {{"languages", list}}));
}

const Messages& RuleBook::messages(const std::string& lang) const {
    static const Messages empty;
    auto it = catalogues_.find(lang);
    if (it == catalogues_.end()) it = catalogues_.find("en");
    return it == catalogues_.end() ? empty : *it->second;
}

std::shared_ptr<const RuleBook> RuleBook::from_texts(const std::string& dir,
                                                     const std::vector<std::pair<std::string, std::string>>& files) {
    std::vector<std::pair<std::string, std::string>> name_sha;
    for (const auto& [name, text] : files) name_sha.emplace_back(name, sha256_hex(text));
    std::sort(name_sha.begin(), name_sha.end());
    return from_texts(dir, files, set_digest(name_sha));
}

std::shared_ptr<const RuleBook> RuleBook::from_texts(const std::string& dir,
                                                     const std::vector<std::pair<std::string, std::string>>& files,
                                                     std::string digest) {
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
    book->digest_ = std::move(digest);
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

const std::string& RuleBook::basis_of(const std::string& rule_id) const {
    static const std::string none;
    auto it = index_.find(rule_id);
    return it == index_.end() ? none : it->second.basis;
}

bool RuleBook::eea_national(const std::string& code, const Date& d) const {
    for (const auto& m : memberships_)
        if (m.code == code && d >= m.from && (!m.until || d <= *m.until)) return true;
    return false;
}

}  // namespace sejour61
