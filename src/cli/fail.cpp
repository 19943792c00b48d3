#include "fail.hpp"

#include "sejour61/io.hpp"
#include "sejour61/messages.hpp"
#include "sejour61/views.hpp"

#include <algorithm>
#include <iostream>

namespace sejour61::cli {

namespace {

// The catalogue an error is said in (the reader's language): the rule book's
// once it is loaded; before that (an option error) the rule directory is
// loaded for it, sealed as always; English when it cannot be (a rule-file error).
std::shared_ptr<const RuleBook> g_book;

const Messages* error_catalogue(const ErrorSetting& s, ErrorKind kind) {
    const std::string lang = choose_language(s.lang);
    if (lang == "en") return nullptr;
    if (!g_book && kind != ErrorKind::rules) {
        try {
            g_book = RuleBook::load(s.rules_dir.empty() ? default_rules_dir() : s.rules_dir);
        } catch (...) {
            return nullptr;
        }
    }
    if (!g_book) return nullptr;
    if (const auto langs = g_book->languages(); std::find(langs.begin(), langs.end(), lang) == langs.end())
        return nullptr;
    return &g_book->messages(lang);
}

// The error in `msg`'s language: "path: problem", "refused (rule): problem".
std::string said_in(const Messages& msg, const Classified& c) {
    const std::string problem = msg.said(c.said);
    if (c.kind == ErrorKind::refused) return msg.get("error.refused", {{"rule", c.rule}, {"problem", problem}});
    if (c.path.empty() || c.kind != ErrorKind::input) return problem;
    const auto path = msg.errors().find(c.path);  // "events": a word of the case, not a JSON path
    return msg.get("error.at", {{"path", path == msg.errors().end() ? c.path : path->second}, {"problem", problem}});
}

}  // namespace

void errors_said_by(std::shared_ptr<const RuleBook> book) { g_book = std::move(book); }

int report_error(const Classified& c, const ErrorSetting& s, const std::function<void(const std::string&)>& print) {
    const ErrorInfo& info = error_info(c.kind);
    const Messages* msg = error_catalogue(s, c.kind);
    const bool english = !msg || msg->lang() == "en";
    const std::string text = english ? c.message : said_in(*msg, c);
    std::cerr << "sejour61: " << printable(text) << "\n";
    if (c.kind == ErrorKind::usage && !s.json)
        std::cerr << (msg ? msg->get("error.try_help") : std::string("Try 'sejour61 --help'.")) << "\n";
    if (s.json) {
        try {  // JSON is English unless --lang is given
            const std::string message = s.lang.empty() || english ? c.message : text;
            print(dump_doc(error_json(info.code, utf8_safe(message), utf8_safe(c.path))) + "\n");
        } catch (const IoError& e) {
            std::cerr << "sejour61: " << e.what() << "\n";
            return error_info(ErrorKind::io).exit_code;
        }
    }
    return info.exit_code;
}

}  // namespace sejour61::cli
