// sejour61/messages.hpp — the text a person reads, in French, Dutch or English.
//
// Messages live in catalogue files (rules/i18n/en.json, fr.json, nl.json,
// format "sejour61.messages/1"), never in code: code refers to message ids and
// fills {placeholders}. A test fails when an id is missing in a language.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace sejour61 {

/// A message to render later, in the reader's language: a catalogue id and
/// its arguments. An argument "@id" (or "@id1,@id2") is itself rendered from
/// the catalogue (a list joined with ", ").
struct Text {
    std::string id;
    std::vector<std::pair<std::string, std::string>> args;
    Text() = default;
    Text(std::string i, std::vector<std::pair<std::string, std::string>> a = {}) : id(std::move(i)), args(std::move(a)) {}
};

class Messages {
public:
    /// Loads `rules_dir`/i18n/`lang`.json. Throws RulesError.
    static std::shared_ptr<const Messages> load(const std::string& rules_dir, const std::string& lang);
    /// The same from a text already read (`path` names it in errors). Throws RulesError.
    static std::shared_ptr<const Messages> from_text(const std::string& path, const std::string& lang,
                                                     const std::string& text);
    /// An empty catalogue: every text renders as its id.
    Messages() = default;

    /// The message `id` with {name} placeholders replaced; "⟨id⟩" when missing.
    std::string get(const std::string& id, const std::map<std::string, std::string>& args = {}) const;
    bool has(const std::string& id) const { return text_.count(id) > 0; }
    /// Renders a Text (its "@id" arguments too).
    std::string render(const Text& t) const;
    const std::string& lang() const { return lang_; }
    const std::map<std::string, std::string>& all() const { return text_; }

private:
    std::string lang_;
    std::map<std::string, std::string> text_;
};

/// The language for text output: `requested` when given, else the language
/// part of $LC_ALL / $LC_MESSAGES / $LANG (fr_BE.UTF-8 → fr, nl_BE → nl, C →
/// en, "frisian" → en). The caller falls back to English when the rule files
/// have no catalogue for it (RuleBook::languages).
std::string choose_language(const std::string& requested);

/// Every message id the code uses (the catalogue test checks each language).
const std::vector<std::string>& required_message_ids();

}  // namespace sejour61
