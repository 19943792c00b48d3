// sejour61 — what happens next in a trafficking victim's residence procedure.
#include "sejour61/api.hpp"
#include "sejour61/batch.hpp"
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

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

#include "sejour61/sejour61.h"  // version

#include "fail.hpp"
#include "init_cmd.hpp"
#include "record_cmd.hpp"
#include "sejour61/case_entry.hpp"

using namespace sejour61;

namespace {

constexpr int kOk = 0, kInput = 1, kUsage = 2, kRules = 3, kInternal = 4, kIo = 5;


struct Options {
    std::string command;
    std::vector<std::string> positional;
    std::optional<std::string> on;
    std::optional<std::string> rules;
    std::vector<std::string> rules_list;
    std::vector<std::string> reforms;
    std::vector<std::string> sets;  ///< --set KEY=VALUE as "set:KEY=VALUE": after the reforms, in every column
    bool json = false;
    std::string lang;
    std::string rules_dir;
    std::string format = "dot";
    bool strict = false;
    bool seal = false;
    std::string output;
    cli::RecordFlags record;  ///< record's own options (guided entry, --amend, --undo, --by)
    bool help = false;        ///< record --help, init --help
    std::vector<std::pair<std::string, std::string>> init;  ///< init's flags, in order (switches with "")
};


Options parse_args(int argc, char** argv) {
    Options o;
    std::vector<std::string> args(argv + 1, argv + argc);
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const char* name) -> std::string {
            // "--offence --lang nl": --offence has no value (no value starts with "--")
            if (i + 1 >= args.size() || (args[i + 1].size() > 2 && args[i + 1].rfind("--", 0) == 0))
                throw UsageError(say("{option} needs a value", {{"option", name}}));
            return args[++i];
        };
        if (a == "--on") o.on = value("--on");
        else if (a == "--rules") {
            o.rules_list.push_back(value("--rules"));
            o.rules = o.rules_list.front();
        } else if (a == "--reform") o.reforms.push_back(value("--reform"));
        else if (a == "--set") o.sets.push_back("set:" + value("--set"));
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
                throw UsageError(say("--format must be dot or mermaid, not \"{value}\"", {{"value", o.format}}));
        }
        else if (a == "-h" || a == "--help") {
            if (o.command == "record" || o.command == "init") o.help = true;
            else o.command = "help";
        }
        else if (a == "--version") { if (o.command != "help") o.command = "version"; }
        else if (cli::take_record_flag(args, i, o.record)) continue;
        else if (is_case_flag(a)) o.init.emplace_back(a, is_case_switch(a) ? std::string() : value(a.c_str()));
        else if (a.size() > 1 && a[0] == '-' && a != "-") throw UsageError(say("unknown option {option}", {{"option", a}}));
        else if (o.command.empty()) o.command = a;
        else o.positional.push_back(a);
    }
    // --set applies after the reforms (procedure.md §8); compare and simulate add it to every column.
    if (o.command != "compare" && o.command != "simulate") o.reforms.insert(o.reforms.end(), o.sets.begin(), o.sets.end());
    return o;
}

// A case file or standard input, within the limits of a case (Limits::max_bytes),
// refused as soon as it is larger, and never a FIFO or device that never ends.
std::string read_case_text(const std::string& path) {
    try {
        return read_bounded(path, Limits::max_bytes, path == "-" ? "standard input" : "the case file");
    } catch (const IoError& e) {
        throw CaseError("", e.said());
    } catch (const InputLimit& e) {
        throw CaseError("", e.said());
    }
}

// Standard output: every failed write is an error (exit 5), checked here and
// once more when the program ends.
void emit(const std::string& text) {
    std::cout << text;
    std::cout.flush();
    if (!std::cout) throw IoError(say("cannot write the output: {why}", {{"why", std::strerror(errno ? errno : EIO)}}));
}

void print(const nlohmann::ordered_json& j) { emit(dump_doc(j) + "\n"); }

// An error, said in the reader's language (src/cli/fail.cpp).
int fail(const Options& o, const Classified& c) {
    return cli::report_error(c, cli::ErrorSetting{o.lang, o.rules_dir, o.json}, [](const std::string& doc) { emit(doc); });
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
    // --rules, --reform and --set are checked as every command checks them; the settings are listed.
    Settings settings;
    if (o.rules || !o.reforms.empty()) settings = Selection(book, o.rules, o.reforms).settings();
    if (o.json) print(rules_json(*book, settings));
    else emit(rules_text(*book, *x.msg, settings));
    return kOk;
}

// record (src/cli/record_cmd.cpp): add an event from a file or from flags, --amend N, --undo.
int run_record(const Options& o, const Context& x) {
    if (o.help) {
        emit(cli::record_help(*x.msg));
        return kOk;
    }
    Selection sel(x.book, o.rules, o.reforms);
    RecordResult res = cli::record_command(o.positional, o.record, sel, RecordOptions{o.strict, today_brussels(), x.lang, {}},
                                           *x.msg);
    if (o.json) print(record_json(res, *x.book, x.json_lang));
    else emit(record_text(res, o.positional[0], *x.book, *x.msg));
    return kOk;
}

// compare and simulate: each --rules SPEC is a column (default in-force); each
// --reform R adds the first column plus R. Unknown ids are usage errors.
std::vector<std::string> rule_set_columns(const Options& o, const Context& x) {
    std::vector<RuleSetSpec> specs;
    for (const auto& s : o.rules_list) specs.push_back(parse_rule_set_spec(s));
    if (specs.empty()) specs.push_back(parse_rule_set_spec("in-force"));
    for (const auto& f : o.reforms) specs.push_back(parse_rule_set_spec(specs.front().label + "+" + f));
    std::vector<std::string> labels;
    for (const auto& sp : specs) {
        std::string label = sp.label;
        for (const auto& set : o.sets) label = with_setting(label, set);
        const RuleSetSpec full = parse_rule_set_spec(label);
        Selection(x.book, full.pinned, full.reforms);
        labels.push_back(label);
    }
    return labels;
}

std::atomic<bool> g_interrupted{false};

// simulate: JSON Lines in, rows out as they are computed (sejour61/batch.hpp).
int run_simulate(const Options& o, const Context& x) {
    if (o.positional.size() != 1) throw UsageError("simulate needs one file of cases, one per line (or - for standard input)");
    std::vector<std::string> labels = rule_set_columns(o, x);
    Date on = today_brussels();
    if (o.on) {
        try {
            on = parse_on(*o.on, "--on");
        } catch (const CaseError& e) {
            throw UsageError(led("--on ", e.said()));
        }
    }
    std::ifstream file;
    if (o.positional[0] != "-") {
        file.open(o.positional[0], std::ios::binary);
        if (!file) throw CaseError("", say("cannot read {file}: {why}", {{"file", o.positional[0]}, {"why", std::strerror(errno)}}));
    }
    std::istream& in = o.positional[0] == "-" ? std::cin : file;
    std::cin.tie(nullptr);  // rows are written from another thread: reading must not flush them
    std::optional<AtomicWriter> writer;
    if (!o.output.empty() && o.output != "-") writer.emplace(o.output, true);
    auto sink = [&](std::string_view text) {
        if (writer) writer->write(text);
        else emit(std::string(text));
    };
    const bool tty = ::isatty(2);
    auto progress = [&](const BatchProgress& p) {
        if (tty) std::cerr << "\rsimulate: " << p.cases << " cases, " << p.rows << " rows, " << p.errors << " with an error" << std::flush;
    };
    std::signal(SIGINT, [](int) { g_interrupted = true; });
    BatchProgress p = simulate_stream(in, sink, x.book, labels, on, o.json ? BatchFormat::jsonl : BatchFormat::csv, 0,
                                      progress, &g_interrupted);
    if (tty) std::cerr << "\n";
    if (g_interrupted) {
        std::cerr << "sejour61: interrupted after " << p.cases << " cases; " << (writer ? "nothing written" : "the rows so far were written") << "\n";
        return 130;
    }
    if (file.bad() || std::cin.bad()) throw CaseError("", say("cannot read {file}", {{"file", o.positional[0]}}));
    if (writer) {
        writer->commit();
        std::cerr << printable(o.output) << ": " << p.rows << " rows (" << p.cases << " cases, " << p.errors
                  << " rows with an error)\n";
    }
    return kOk;
}

int run_case_command(const Options& o, const Context& x) {
    if (o.positional.size() != 1)
        throw UsageError(say("{command} needs exactly one case file (or - for standard input)", {{"command", o.command}}));
    Request r;
    r.command = o.command;
    r.lang = o.json && o.command != "report" ? x.json_lang : x.lang;
    if (o.command == "compare") {
        r.rule_sets = rule_set_columns(o, x);
        if (r.rule_sets.size() < 2)
            throw UsageError("compare needs at least two rule sets (--rules A --rules B, or --reform R)");
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
            parse_case(r.case_text);  // an invalid case is reported first, as it always was
            throw UsageError(led("--on ", e.said()));
        }
    }
    const Form form = o.json ? Form::json : Form::text;
    std::string doc = answer(x.book, r, form);
    if (o.command == "report" && !o.output.empty() && o.output != "-") {
        // Like a case file: mode 0600, written whole or not at all, never through a link.
        write_atomically(o.output, doc, true);
        std::cerr << x.msg->get("report.written", {{"file", printable(o.output)}, {"bytes", std::to_string(doc.size())}}) << "\n";
        return kOk;
    }
    if (o.command == "validate" && !o.json) doc = printable(o.positional[0]) + x.msg->get("punct.colon") + doc;
    emit(o.json && o.command != "report" ? doc + "\n" : doc);
    return kOk;
}

int run(const Options& o) {
    if (o.command.empty() || o.command == "help") {
        // The help is a text of the catalogues, in the reader's language: the
        // rule directory is read for it (a broken one is said, exit 3).
        const auto book = RuleBook::load(o.rules_dir.empty() ? default_rules_dir() : o.rules_dir);
        std::string lang = choose_language(o.lang);
        if (const auto langs = book->languages(); std::find(langs.begin(), langs.end(), lang) == langs.end()) lang = "en";
        emit(book->messages(lang).get("cli.help") + "\n");
        return o.command.empty() ? kUsage : kOk;
    }
    if (o.command == "version") {
        emit(std::string("sejour61 ") + SEJOUR61_VERSION + "\n");
        return kOk;
    }
    // In the order `--help` lists them.
    static const std::vector<std::string> commands = {"status", "timeline", "next",    "explain", "compare",
                                                      "contest", "simulate", "validate", "init",   "record",
                                                      "events",  "history",  "report",   "rules",  "graph"};
    if (std::find(commands.begin(), commands.end(), o.command) == commands.end()) {
        std::string list;
        for (const auto& c : commands) list += (list.empty() ? "" : ", ") + c;
        throw UsageError(say("unknown command \"{command}\" (commands: {commands})", {{"command", o.command}, {"commands", list}}));
    }
    if (o.command != "compare" && o.command != "simulate" && o.rules_list.size() > 1)
        throw UsageError("--rules given twice (compare several rule sets with `sejour61 compare`)");

    const std::string dir = o.rules_dir.empty() ? default_rules_dir() : o.rules_dir;
    if (o.seal && o.command != "rules") throw UsageError("--seal goes with the rules command");
    // `rules --seal` re-seals a directory whose files changed (after review), then loads it.
    if (o.seal) seal_rules_dir(dir);
    std::shared_ptr<const RuleBook> book = RuleBook::load(dir);
    cli::errors_said_by(book);
    if (!o.lang.empty()) {
        try {
            book->check_language(o.lang, "--lang");
        } catch (const CaseError& e) {
            throw UsageError(led(e.path() + ": ", e.said()));
        }
    }
    std::string lang = choose_language(o.lang);
    if (const auto langs = book->languages(); std::find(langs.begin(), langs.end(), lang) == langs.end()) lang = "en";
    const std::string json_lang = o.lang.empty() ? "en" : o.lang;  // JSON: English unless --lang is given
    const Context x{dir, book, lang, json_lang, &book->messages(lang)};
    if (o.command == "graph") return run_graph(o, x);
    if (o.command == "rules") return run_rules(o, x);
    if (o.record.any() && o.command != "record")
        throw UsageError(x.msg->get("record.flag_elsewhere", {{"flag", o.record.first()}}));
    if (!o.init.empty() && o.command != "init")
        throw UsageError(x.msg->get("init.flag_elsewhere", {{"flag", o.init.front().first}}));
    if (o.command == "init")
        return emit(o.help ? cli::init_help(*x.msg) : cli::init_command(o.positional, o.init, o.json, *x.msg)), kOk;
    if (o.command == "record") return run_record(o, x);
    if (o.command == "events")  // JSON: English unless --lang is given, as every document
        return emit(cli::events_command(o.positional, o.json, o.json ? book->messages(json_lang) : *x.msg)), kOk;
    if (o.command == "history") return emit(cli::history_command(o.positional, o.json, *x.msg)), kOk;
    if (o.command == "simulate") return run_simulate(o, x);
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
    // --lang too, for the language of an option error before it.
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--json") o.json = true;
        if (std::string(argv[i]) == "--lang" && i + 1 < argc) o.lang = argv[i + 1];
        if (std::string(argv[i]) == "--rules-dir" && i + 1 < argc) o.rules_dir = argv[i + 1];
    }
    return finish(run_checked(o, argc, argv));
}

int run_checked(Options& o, int argc, char** argv) {
    try {
        const bool json = o.json;
        o = parse_args(argc, argv);
        o.json = o.json || json;
        return run(o);
    } catch (...) {
        // One table for the three faces (errors.hpp).
        return fail(o, classify(std::current_exception()));
    }
}
