// The C interface (include/sejour61/sejour61.h): a thin layer that turns the
// C++ engine's documents and exceptions into strings and codes. No exception
// crosses it.
#include "sejour61/sejour61.h"
#include "sejour61/api.hpp"
#include "sejour61/batch.hpp"

#include "sejour61/case.hpp"
#include "sejour61/json_parse.hpp"
#include "sejour61/engine.hpp"
#include "sejour61/errors.hpp"
#include "sejour61/rules.hpp"
#include "sejour61/views.hpp"
#include "sejour61/compare.hpp"
#include "sejour61/report.hpp"
#include "sejour61/record.hpp"
#include "sejour61/next.hpp"

#include <cstdlib>
#include <cstring>
#include <new>
#include <sstream>
#include <string>

struct s61_rules {
    std::shared_ptr<const sejour61::RuleBook> book;
    sejour61::Selection by_date;  // the default selection, built once
};

namespace {

using namespace sejour61;

void* (*g_alloc)(size_t) = std::malloc;
void (*g_release)(void*) = std::free;

struct Failure {
    int code;
    std::string kind;
    std::string message;
    std::string path;
};

// Copies `s` into a library-allocated C string; nullptr when out of memory.
char* dup(const std::string& s) {
    char* p = static_cast<char*>(g_alloc(s.size() + 1));
    if (!p) return nullptr;
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

int emit(char** out, const std::string& text, int code) {
    if (!out) return code;
    *out = dup(text);
    return *out ? code : S61_ENOMEM;
}

int emit_error(char** out, const Failure& f) {
    if (!out) return f.code;
    std::string text;
    try {
        text = dump_doc(error_json(f.kind, f.message, f.path));
    } catch (...) {
        *out = nullptr;
        return S61_ENOMEM;
    }
    int rc = emit(out, text, f.code);
    return rc;
}

// Runs `body` (which returns the output document), mapping every exception.
template <class Body>
int guarded_inner(char** out_json, Body&& body) {
    Failure f;
    try {
        std::string doc = body();
        return emit(out_json, doc, S61_OK);
    } catch (...) {
        // One table for the three faces (errors.hpp).
        Classified c = classify(std::current_exception());
        const ErrorInfo& info = error_info(c.kind);
        // In the C API regimes and reforms come in the options.
        f = {info.s61, info.code, c.message, c.kind == ErrorKind::usage && c.path.empty() ? "options" : c.path};
    }
    return emit_error(out_json, f);
}

// No exception ever leaves the library: one thrown while handling another
// (out of memory while building the error document) ends as S61_ENOMEM.
template <class Body>
int guarded(char** out_json, Body&& body) noexcept {
    if (!out_json) return S61_EINPUT;
    *out_json = nullptr;
    try {
        return guarded_inner(out_json, std::forward<Body>(body));
    } catch (...) {
        if (*out_json) {
            g_release(*out_json);
            *out_json = nullptr;
        }
        return S61_ENOMEM;
    }
}

enum Extra : unsigned { kNone = 0, kRuleSets = 1, kStrict = 2 };

// The options document of every call: {"rules", "reforms", "lang"}, and
// "rule_sets" (s61_compare) or "strict" (s61_check_event) where `extra` allows.
void read_options(Request& r, const RuleBook& book, const char* options_json, unsigned extra) {
    nlohmann::json o;
    try {
        o = parse_json_strict(options_json);
    } catch (const CaseError& e) {
        // The options' own error, not the case's.
        std::string what = e.what();
        if (!e.path().empty()) what = what.substr(e.path().size() + 2);
        throw CaseError(e.path().empty() ? std::string("options") : "options." + e.path(), what);
    }
    if (!o.is_object()) throw CaseError("options", "must be a JSON object");
    auto strings = [](const nlohmann::json& v, const std::string& key, const char* what) {
        if (!v.is_array()) throw CaseError(key, std::string("must be an array of ") + what);
        std::vector<std::string> out;
        for (size_t i = 0; i < v.size(); ++i) {
            if (!v[i].is_string()) throw CaseError(key + "[" + std::to_string(i) + "]", "must be a string");
            out.push_back(v[i].get<std::string>());
        }
        return out;
    };
    for (auto it = o.begin(); it != o.end(); ++it) {
        const std::string& k = it.key();
        if (k == "rules") {
            if (!it->is_string()) throw CaseError("options.rules", "must be a string (a regime id)");
            r.rules = it->get<std::string>();
        } else if (k == "reforms") {
            r.reforms = strings(*it, "options.reforms", "reform ids");
        } else if (k == "lang") {
            if (!it->is_string()) throw CaseError("options.lang", "must be a string (a language of the rule files)");
            r.lang = it->get<std::string>();
            book.check_language(r.lang, "options.lang");
        } else if (k == "rule_sets" && (extra & kRuleSets)) {
            r.rule_sets = strings(*it, "options.rule_sets", "rule-set specs");
        } else if (k == "strict" && (extra & kStrict)) {
            if (!it->is_boolean()) throw CaseError("options.strict", "must be true or false");
            r.strict = it->get<bool>();
        } else {
            throw CaseError("options." + k, "unknown option");
        }
    }
}

Request request(const char* command, const s61_rules* rules, const char* case_json, const char* on_date,
                const char* options_json, unsigned extra = kNone) {
    if (!rules) throw CaseError("rules", "the rules handle is NULL");
    if (!case_json) throw CaseError("case_json", "the case is NULL");
    Request r;
    r.command = command;
    r.case_text = case_json;
    if (options_json) read_options(r, *rules->book, options_json, extra);
    r.today = today_brussels();
    r.on = on_date ? parse_on(on_date, "on_date") : r.today;
    return r;
}

int evaluate(const char* command, const s61_rules* rules, const char* case_json, const char* on_date,
             const char* options_json, char** out) {
    return guarded(out, [&]() -> std::string {
        Request r = request(command, rules, case_json, on_date, options_json);  // refuses a NULL handle first
        return answer(rules->book, r, Form::json, &rules->by_date);
    });
}

}  // namespace

extern "C" {

const char* s61_version(void) { return SEJOUR61_VERSION; }

int s61_rules_open(const char* rules_dir, s61_rules** out, char** error_json) {
    if (error_json) *error_json = nullptr;
    if (!out) return S61_EINPUT;
    *out = nullptr;
    char* err = nullptr;
    int rc = guarded(&err, [&]() -> std::string {
        auto book = RuleBook::load(rules_dir ? std::string(rules_dir) : default_rules_dir());
        *out = new s61_rules{book, Selection(book, std::nullopt, {})};
        return std::string();
    });
    if (rc == S61_OK) {
        s61_free(err);
        return S61_OK;
    }
    delete *out;  // out of memory after the handle was made
    *out = nullptr;
    if (error_json) {
        *error_json = err;
    } else {
        s61_free(err);
    }
    return rc;
}

void s61_rules_close(s61_rules* rules) { delete rules; }

const char* s61_rules_dir(const s61_rules* rules) { return rules ? rules->book->dir().c_str() : nullptr; }

int s61_status(const s61_rules* rules, const char* case_json, const char* on_date, const char* options_json,
               char** out_json) {
    return evaluate("status", rules, case_json, on_date, options_json, out_json);
}

int s61_timeline(const s61_rules* rules, const char* case_json, const char* on_date, const char* options_json,
                 char** out_json) {
    return evaluate("timeline", rules, case_json, on_date, options_json, out_json);
}

int s61_explain(const s61_rules* rules, const char* case_json, const char* on_date, const char* options_json,
                char** out_json) {
    return evaluate("explain", rules, case_json, on_date, options_json, out_json);
}

int s61_next(const s61_rules* rules, const char* case_json, const char* on_date, const char* options_json,
             char** out_json) {
    return evaluate("next", rules, case_json, on_date, options_json, out_json);
}

int s61_contest(const s61_rules* rules, const char* case_json, const char* on_date, const char* options_json,
                char** out_json) {
    return evaluate("contest", rules, case_json, on_date, options_json, out_json);
}

int s61_compare(const s61_rules* rules, const char* case_json, const char* on_date, const char* options_json,
                char** out_json) {
    return guarded(out_json, [&]() -> std::string {
        Request r = request("compare", rules, case_json, on_date, options_json, kRuleSets);
        parse_case(r.case_text);  // an invalid case is reported before the options' own errors
        if (r.rules || !r.reforms.empty())
            throw CaseError("options", "compare takes its rule sets in \"rule_sets\", not \"rules\" or \"reforms\"");
        if (r.rule_sets.size() < 2)
            throw CaseError("options.rule_sets", "needs at least two rule sets, e.g. [\"in-force\", \"in-force+mena-unconditional\"]");
        return answer(rules->book, r);
    });
}

int s61_check_event(const s61_rules* rules, const char* case_json, const char* event_json, const char* options_json,
                    char** out_json) {
    return guarded(out_json, [&]() -> std::string {
        if (!event_json) throw CaseError("event_json", "the event is NULL");
        Request r = request("check", rules, case_json, nullptr, options_json, kStrict);
        r.event_text = event_json;
        return answer(rules->book, r, Form::json, &rules->by_date);
    });
}

int s61_report(const s61_rules* rules, const char* case_json, const char* on_date, const char* options_json,
               char** out_html) {
    return evaluate("report", rules, case_json, on_date, options_json, out_html);
}

int s61_simulate(const s61_rules* rules, const char* cases_jsonl, size_t len, const char* on_date,
                 const char* options_json, char** out) {
    return guarded(out, [&]() -> std::string {
        if (!rules) throw CaseError("rules", "the rules handle is NULL");
        if (!cases_jsonl && len > 0) throw CaseError("cases_jsonl", "the cases are NULL");
        std::vector<std::string> rule_sets;
        BatchFormat format = BatchFormat::csv;
        unsigned threads = 0;
        if (options_json) {
            nlohmann::json o = parse_json_strict(options_json);
            if (!o.is_object()) throw CaseError("options", "must be a JSON object");
            for (auto it = o.begin(); it != o.end(); ++it) {
                const std::string& k = it.key();
                if (k == "rule_sets") {
                    if (!it->is_array()) throw CaseError("options.rule_sets", "must be an array of rule-set specs");
                    for (size_t i = 0; i < it->size(); ++i) {
                        if (!(*it)[i].is_string())
                            throw CaseError("options.rule_sets[" + std::to_string(i) + "]", "must be a string");
                        rule_sets.push_back((*it)[i].get<std::string>());
                    }
                } else if (k == "format") {
                    if (*it != "csv" && *it != "jsonl") throw CaseError("options.format", "must be \"csv\" or \"jsonl\"");
                    format = *it == "csv" ? BatchFormat::csv : BatchFormat::jsonl;
                } else if (k == "threads") {
                    if (!it->is_number_unsigned() || it->get<unsigned long long>() > 1024)
                        throw CaseError("options.threads", "must be a whole number from 0 (all cores) to 1024");
                    threads = static_cast<unsigned>(it->get<unsigned long long>());
                } else {
                    throw CaseError("options." + k, "unknown option");
                }
            }
        }
        if (rule_sets.empty()) rule_sets.push_back("in-force");
        Date on = on_date ? parse_on(on_date, "on_date") : today_brussels();
        std::istringstream in(std::string(cases_jsonl ? cases_jsonl : "", len));
        std::string text;
        simulate_stream(in, [&](std::string_view rows) { text += rows; }, rules->book, rule_sets, on, format, threads);
        return text;
    });
}

int s61_version_number(void) {
    return SEJOUR61_VERSION_MAJOR * 1000000 + SEJOUR61_VERSION_MINOR * 1000 + SEJOUR61_VERSION_PATCH;
}

const char* s61_errstr(int code) {
    switch (code) {
        case S61_OK: return "success";
        case S61_EINPUT: return "invalid input: the case, a date, the options or the event (see the error document)";
        case S61_ERULES: return "rule files missing, changed or invalid";
        case S61_ENOMEM: return "out of memory";
        case S61_EINTERNAL: return "internal error of the library (please report it with the input)";
        default: return "unknown error code";
    }
}

int s61_validate(const char* case_json, char** out_json) {
    return guarded(out_json, [&]() -> std::string {
        if (!case_json) throw CaseError("case_json", "the case is NULL");
        Case c = parse_case(case_json);
        return dump_doc(validate_json(c));
    });
}

void s61_free(void* p) {
    if (p) g_release(p);
}

int s61_config_allocator(void* (*alloc)(size_t), void (*release)(void*)) {
    if (!alloc && !release) {
        g_alloc = std::malloc;
        g_release = std::free;
        return S61_OK;
    }
    if (!alloc || !release) return S61_EINPUT;
    g_alloc = alloc;
    g_release = release;
    return S61_OK;
}

}  // extern "C"
