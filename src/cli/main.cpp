// sejour61 — what happens next in a trafficking victim's residence procedure.
#include "sejour61/api.hpp"
#include "sejour61/case.hpp"
#include "sejour61/compare.hpp"
#include "sejour61/engine.hpp"
#include "sejour61/errors.hpp"
#include "sejour61/graph.hpp"
#include "sejour61/io.hpp"
#include "sejour61/messages.hpp"
#include "sejour61/next.hpp"
#include "sejour61/record.hpp"
#include "sejour61/report.hpp"

#include <fstream>
#include "sejour61/rules.hpp"
#include "sejour61/views.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "sejour61/sejour61.h"  // version

using namespace sejour61;

namespace {

constexpr int kOk = 0, kInput = 1, kUsage = 2, kRules = 3, kInternal = 4, kIo = 5;

const char* kHelp = R"(sejour61 — the Belgian residence procedure for victims of trafficking
(art. 61/2–61/5 of the law of 15 December 1980), as a rules engine.

Usage:
  sejour61 status   CASE [--on DATE]   the phase, document and validity, deadlines, warnings
  sejour61 timeline CASE [--on DATE]   every period of the case up to DATE
  sejour61 next     CASE [--on DATE]   what must or may happen next: who acts, by when, on what basis
  sejour61 explain  CASE [--on DATE]   each rule applied, with its legal basis and parameters
  sejour61 compare  CASE [--on DATE] --rules A --rules B [--reform R]...
                                       the same facts under several rule sets, side by side
  sejour61 validate CASE               checks a case file (exit 0 when valid)
  sejour61 record   CASE EVENT.json    adds one event (or - for standard input), refusing invalid ones;
                                       says when it changes nothing (--strict: refuse it then);
                                       rewrites CASE atomically, keeps CASE.bak
  sejour61 report   CASE [--on DATE] -o FILE.html
                                       a printable, self-contained HTML report of the case
  sejour61 rules                       lists regimes and reforms, with dates and parameters
  sejour61 graph [--format dot|mermaid] [--rules ID] [--reform R]
                                       the procedure's states and transitions, from the state machine

CASE is a case file (format sejour61.case/1) or - for standard input.

Options:
  --on DATE        the query date, YYYY-MM-DD (default: today in Europe/Brussels);
                   only the events dated on or before it are used (R-ASOF)
  --rules ID       pin one regime (be-2007, be-2017) for all dates;
                   default: the regime in force on each act's date (R-REGIME)
  --reform ID      apply a reform overlay (repeatable, in order); ID@YYYY-MM-DD
                   applies it as if adopted on that date
  compare: each --rules SPEC is a column; SPEC is a regime id or in-force,
           followed by +REFORM parts (in-force+mena-unconditional); each
           --reform R adds a column: the first rule set plus R. Without
           --rules the first column is in-force.
  --json           machine output (sejour61.status/1, sejour61.timeline/1, ...)
  --lang fr|nl|en  language of the text output (default: from $LANG, else English); any
                   language with a catalogue in the rule files' i18n/ is accepted;
                   with --json, of the messages in the document (default English)
  --rules-dir DIR  rule files (default: $SEJOUR61_RULES, else share/sejour61/rules next to
                   this program, else the configured prefix; `sejour61 rules` names it)
  --strict         record: refuse an event that changes nothing in the procedure on its date
                   (by default it is recorded, since it happened, with a notice naming the rule)
  --force          record: accepted for compatibility; keeping such an event is now the default
  --seal           rules: write the rule directory's manifest.json (the SHA-256 of every rule file)
                   after a reviewed change; a directory whose files differ from it is refused
  -o FILE          report: the HTML file to write (default: standard output)
  --format F       graph: dot (default) or mermaid
  -h, --help       this help
  --version        the version

Exit codes: 0 success; 1 invalid input (the message names the field), a date
before the case starts or before any regime; 2 usage error, unknown regime or
reform; 3 rule files missing, changed or invalid; 4 internal error; 5 a file or
the output cannot be written (disk full, read-only, closed standard output).
)";

struct Options {
    std::string command;
    std::vector<std::string> positional;
    std::optional<std::string> on;
    std::optional<std::string> rules;
    std::vector<std::string> rules_list;
    std::vector<std::string> reforms;
    bool json = false;
    std::string lang;
    std::string rules_dir;
    std::string format = "dot";
    bool strict = false;
    bool seal = false;
    std::string output;
};


Options parse_args(int argc, char** argv) {
    Options o;
    std::vector<std::string> args(argv + 1, argv + argc);
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const char* name) -> std::string {
            if (i + 1 >= args.size()) throw UsageError(std::string(name) + " needs a value");
            return args[++i];
        };
        if (a == "--on") o.on = value("--on");
        else if (a == "--rules") {
            o.rules_list.push_back(value("--rules"));
            o.rules = o.rules_list.front();
        } else if (a == "--reform") o.reforms.push_back(value("--reform"));
        else if (a == "--json") o.json = true;
        else if (a == "--force") o.strict = false;
        else if (a == "--strict") o.strict = true;
        else if (a == "-o" || a == "--output") o.output = value("-o");
        else if (a == "--lang") {
            o.lang = value("--lang");  // checked against the catalogues of the rule files once they are loaded
            if (o.lang.empty()) throw UsageError("--lang needs a language, not an empty string");
        } else if (a == "--rules-dir") {
            o.rules_dir = value("--rules-dir");
            if (o.rules_dir.empty()) throw UsageError("--rules-dir needs a directory, not an empty string");
        } else if (a == "--seal") o.seal = true;
        else if (a == "--format") {
            o.format = value("--format");
            if (o.format != "dot" && o.format != "mermaid")
                throw UsageError("--format must be dot or mermaid, not \"" + o.format + "\"");
        }
        else if (a == "-h" || a == "--help") o.command = "help";
        else if (a == "--version") { if (o.command != "help") o.command = "version"; }
        else if (a.size() > 1 && a[0] == '-' && a != "-") throw UsageError("unknown option " + a);
        else if (o.command.empty()) o.command = a;
        else o.positional.push_back(a);
    }
    return o;
}

// A case file or standard input, within the limits of a case (Limits::max_bytes),
// refused as soon as it is larger, and never a FIFO or device that never ends.
std::string read_case_text(const std::string& path) {
    try {
        return read_bounded(path, Limits::max_bytes, path == "-" ? "standard input" : "the case file");
    } catch (const IoError& e) {
        throw CaseError("", e.what());
    } catch (const InputLimit& e) {
        throw CaseError("", e.what());
    }
}

// Standard output: every failed write is an error (exit 5), checked here and
// once more when the program ends.
void emit(const std::string& text) {
    std::cout << text;
    std::cout.flush();
    if (!std::cout) throw IoError(std::string("cannot write the output: ") + std::strerror(errno ? errno : EIO));
}

void print(const nlohmann::ordered_json& j) { emit(dump_doc(j) + "\n"); }

int fail(const Options& o, int code, const char* kind, const std::string& msg, const std::string& path = "") {
    std::cerr << "sejour61: " << printable(msg) << "\n";
    if (code == kUsage && !o.json) std::cerr << "Try 'sejour61 --help'.\n";
    if (o.json) {
        try {
            print(error_json(kind, utf8_safe(msg), utf8_safe(path)));
        } catch (const IoError& e) {
            std::cerr << "sejour61: " << e.what() << "\n";
            return kIo;
        }
    }
    return code;
}

// What every command needs once the rule directory is loaded.
struct Context {
    std::string dir;
    std::shared_ptr<const RuleBook> book;
    std::string lang;       ///< for text
    std::string json_lang;  ///< for JSON: English unless --lang is given
    const Messages* msg;
};

int run_graph(const Options& o, const Context& x) {
    const auto& book = x.book;
    if (!o.positional.empty()) throw UsageError("graph takes no case file");
    const RuleSet* rs = nullptr;
    std::optional<Selection> sel;
    if (o.rules || !o.reforms.empty()) {
        sel.emplace(book, o.rules ? o.rules : std::optional<std::string>(book->regimes().back().id), o.reforms);
        rs = sel->at(book->regimes().back().in_force_from);
    }
    emit(o.format == "dot" ? graph_dot(rs) : graph_mermaid(rs));
    return kOk;
}

int run_rules(const Options& o, const Context& x) {
    const auto& book = x.book;
    if (!o.positional.empty()) throw UsageError("rules takes no case file");
    if (o.seal) std::cerr << printable(x.dir) << "/manifest.json: sealed, " << book->digest() << "\n";
    if (o.json) print(rules_json(*book));
    else emit(rules_text(*book));
    return kOk;
}

int run_record(const Options& o, const Context& x) {
    const auto& book = x.book;
    if (o.positional.size() != 2) throw UsageError("record needs a case file and an event file (or - for standard input)");
    if (o.positional[0] == "-") throw UsageError("record rewrites the case file: give its path, not -");
    Selection sel(book, o.rules, o.reforms);
    std::string event = read_case_text(o.positional[1]);
    RecordResult res = record_event(o.positional[0], event, sel, RecordOptions{o.strict, today_brussels(), x.lang});
    const Outcome& out = res.outcome;
    if (o.json) {
        auto doc = status_json(out, *book, x.json_lang);
        doc["recorded"] = true;
        if (res.no_effect)
            doc["no_effect"] = nlohmann::json{{"rule", res.no_effect->rule},
                                    {"message", book->messages(x.json_lang).render(res.no_effect->text)}};
        print(doc);
    } else {
        std::string head = printable(o.positional[0]) + ": ";
        if (res.no_effect)
            head += x.msg->get("record.no_effect",
                             {{"rule", res.no_effect->rule}, {"reason", x.msg->render(res.no_effect->text)}});
        else
            head += x.msg->get("record.done");
        emit(head + "\n" + status_text(out, *book, *x.msg));
    }
    return kOk;
}

int run_case_command(const Options& o, const Context& x) {
    if (o.positional.size() != 1)
        throw UsageError(o.command + " needs exactly one case file (or - for standard input)");
    Request r;
    r.command = o.command;
    r.lang = o.json && o.command != "report" ? x.json_lang : x.lang;
    if (o.command == "compare") {
        std::vector<RuleSetSpec> specs;
        for (const auto& s : o.rules_list) specs.push_back(parse_rule_set_spec(s));
        if (specs.empty()) specs.push_back(parse_rule_set_spec("in-force"));
        for (const auto& f : o.reforms) specs.push_back(parse_rule_set_spec(specs.front().label + "+" + f));
        if (specs.size() < 2) throw UsageError("compare needs at least two rule sets (--rules A --rules B, or --reform R)");
        for (const auto& sp : specs) {
            Selection(x.book, sp.pinned, sp.reforms);  // unknown ids are usage errors
            r.rule_sets.push_back(sp.label);
        }
    } else {
        r.rules = o.rules;
        r.reforms = o.reforms;
        Selection(x.book, r.rules, r.reforms);  // unknown ids are usage errors, before the case is read
    }
    r.case_text = read_case_text(o.positional[0]);
    r.today = today_brussels();
    r.on = r.today;
    if (o.on && o.command != "validate") {
        try {
            r.on = parse_on(*o.on, "--on");
        } catch (const CaseError& e) {
            throw UsageError("--on " + std::string(e.what()).substr(e.path().size() + 2));
        }
    }
    const Form form = o.json ? Form::json : Form::text;
    std::string doc = answer(x.book, r, form);
    if (o.command == "report" && !o.output.empty() && o.output != "-") {
        // Like a case file: mode 0600, written whole or not at all, never through a link.
        write_atomically(o.output, doc, true);
        std::cerr << printable(o.output) << ": " << doc.size() << " bytes\n";
        return kOk;
    }
    if (o.command == "validate" && !o.json) doc = printable(o.positional[0]) + ": " + doc;
    emit(o.json && o.command != "report" ? doc + "\n" : doc);
    return kOk;
}

int run(const Options& o) {
    if (o.command.empty() || o.command == "help") {
        emit(kHelp);
        return o.command.empty() ? kUsage : kOk;
    }
    if (o.command == "version") {
        emit(std::string("sejour61 ") + SEJOUR61_VERSION + "\n");
        return kOk;
    }
    static const std::vector<std::string> commands = {"status", "timeline", "explain", "next",  "compare",
                                                      "validate", "record", "report", "rules", "graph"};
    if (std::find(commands.begin(), commands.end(), o.command) == commands.end())
        throw UsageError("unknown command \"" + o.command +
                         "\" (commands: status, timeline, next, explain, compare, validate, record, report, rules, graph)");
    if (o.command != "compare" && o.rules_list.size() > 1)
        throw UsageError("--rules given twice (compare several rule sets with `sejour61 compare`)");

    const std::string dir = o.rules_dir.empty() ? default_rules_dir() : o.rules_dir;
    if (o.seal && o.command != "rules") throw UsageError("--seal goes with the rules command");
    // `rules --seal` re-seals a directory whose files changed (after review), then loads it.
    if (o.seal) seal_rules_dir(dir);
    std::shared_ptr<const RuleBook> book = RuleBook::load(dir);
    if (!o.lang.empty()) {
        try {
            book->check_language(o.lang, "--lang");
        } catch (const CaseError& e) {
            throw UsageError(e.what());
        }
    }
    std::string lang = choose_language(o.lang);
    if (const auto langs = book->languages(); std::find(langs.begin(), langs.end(), lang) == langs.end()) lang = "en";
    const std::string json_lang = o.lang.empty() ? "en" : o.lang;  // JSON: English unless --lang is given
    const Context x{dir, book, lang, json_lang, &book->messages(lang)};
    if (o.command == "graph") return run_graph(o, x);
    if (o.command == "rules") return run_rules(o, x);
    if (o.command == "record") return run_record(o, x);
    return run_case_command(o, x);
}

}  // namespace

int run_checked(Options& o, int argc, char** argv);

// Standard output is checked once more at the end: a write error that only
// shows when the buffer is flushed or the file closed is an error too.
int finish(int code) {
    if (std::fflush(stdout) != 0 || std::ferror(stdout) || std::fclose(stdout) != 0) {
        std::cerr << "sejour61: cannot write the output: " << std::strerror(errno ? errno : EIO) << "\n";
        return code == kOk ? kIo : code;
    }
    return code;
}

int main(int argc, char** argv) {
    Options o;
    // --json anywhere asks for an error document, even for an option error before it.
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--json") o.json = true;
    return finish(run_checked(o, argc, argv));
}

int run_checked(Options& o, int argc, char** argv) {
    try {
        bool json = o.json;
        o = parse_args(argc, argv);
        o.json = o.json || json;
        return run(o);
    } catch (...) {
        // One table for the three faces (errors.hpp).
        Classified c = classify(std::current_exception());
        const ErrorInfo& info = error_info(c.kind);
        return fail(o, info.exit_code, info.code, c.message, c.path);
    }
}
