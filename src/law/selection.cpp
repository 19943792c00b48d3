#include "sejour61/rules.hpp"

#include "reader.hpp"

#include "sejour61/case.hpp"
#include "sejour61/json_parse.hpp"
#include "sejour61/io.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

namespace sejour61 {

namespace {

// procedure.md §8 "Contestable readings": the parameter takes the
// alternative value, with its basis, where the rule set lists it.
void apply_reading(RuleSet& s, const Reading& reading) {
    auto it = s.params.find(reading.key);
    if (it == s.params.end()) return;
    for (const auto& a : it->second.alternatives) {
        if (a.value != reading.value) continue;
        Param p = it->second;
        p.value = a.value;
        p.basis = a.basis;
        p.alternatives.clear();
        it->second = std::move(p);
        return;
    }
}

// The reform a spec names ("ID" or "ID@YYYY-MM-DD": as if adopted on that
// date), with that date. Throws UnknownRuleSet.
std::pair<const Reform*, std::optional<Date>> find_reform(const RuleBook& book, const std::string& spec) {
    const ReformEntry entry = split_reform_entry(spec);
    const std::string& id = entry.id;
    std::optional<Date> as_of;
    if (entry.adopted) {
        std::string why;
        as_of = parse_date(*entry.adopted, &why);
        if (!as_of) throw UnknownRuleSet(say("reform \"{spec}\": the date after @ {why}", {{"spec", spec}, {"why", why}}));
    }
    auto it = std::find_if(book.reforms().begin(), book.reforms().end(), [&](const Reform& r) { return r.id == id; });
    if (it == book.reforms().end()) {
        std::string known;
        for (const auto& r : book.reforms()) known += (known.empty() ? "" : ", ") + r.id;
        throw UnknownRuleSet(say("unknown reform \"{id}\" (known: {known})", {{"id", id}, {"known", known.empty() ? "none" : known}}));
    }
    return {&*it, as_of};
}

// The regimes a selection starts from: the pinned one, or all of them.
// Throws UnknownRuleSet.
std::vector<const RuleSet*> base_rule_sets(const RuleBook& book, const std::optional<std::string>& pinned) {
    std::vector<const RuleSet*> bases;
    if (!pinned) {
        for (const auto& r : book.regimes()) bases.push_back(&r);
        return bases;
    }
    auto it = std::find_if(book.regimes().begin(), book.regimes().end(), [&](const RuleSet& r) { return r.id == *pinned; });
    if (it == book.regimes().end()) {
        std::string known;
        for (const auto& r : book.regimes()) known += (known.empty() ? "" : ", ") + r.id;
        if (pinned->find('+') != std::string::npos || *pinned == "in-force")
            throw UnknownRuleSet(say("unknown regime \"{id}\" (known: {known}): --rules ID pins one regime here; a rule-set spec "
                                     "with + parts is for compare and simulate (here: --reform R, --set KEY=VALUE)",
                                     {{"id", *pinned}, {"known", known}}));
        throw UnknownRuleSet(say("unknown regime \"{id}\" (known: {known})", {{"id", *pinned}, {"known", known}}));
    }
    bases.push_back(&*it);
    return bases;
}

}  // namespace

ReformEntry split_reform_entry(const std::string& entry) {
    ReformEntry e;
    if (entry.rfind("set:", 0) == 0) {
        e.setting = entry.substr(4);
        return e;
    }
    const auto at = entry.find('@');
    e.id = entry.substr(0, at);
    if (at != std::string::npos) e.adopted = entry.substr(at + 1);
    return e;
}

Selection::Selection(std::shared_ptr<const RuleBook> book, std::optional<std::string> pinned,
                     std::vector<std::string> reforms, std::optional<Reading> reading)
    : book_(std::move(book)), pinned_(std::move(pinned)) {
    // Reforms in the order given, each once; then the settings, one per key:
    // the last value given for a key replaces the earlier ones (procedure.md §8).
    std::vector<std::string> setting_specs;
    for (const auto& r : reforms) {
        if (const ReformEntry entry = split_reform_entry(r); entry.setting) {
            auto setting = parse_setting(*entry.setting);
            for (size_t i = 0; i < settings_.size(); ++i)
                if (settings_[i].first == setting.first) {
                    settings_.erase(settings_.begin() + static_cast<std::ptrdiff_t>(i));
                    setting_specs.erase(setting_specs.begin() + static_cast<std::ptrdiff_t>(i));
                    break;
                }
            settings_.push_back(std::move(setting));
            setting_specs.push_back(r);
        } else if (std::find(reform_ids_.begin(), reform_ids_.end(), r) == reform_ids_.end()) {
            reform_ids_.push_back(r);
        }
    }
    std::vector<const Reform*> rfs;
    for (const auto& spec : reform_ids_) {
        auto [it, as_of] = find_reform(*book_, spec);
        if (as_of) {
            dated_.push_back(*it);
            dated_.back().hypothetical_in_force = as_of;
            rfs.push_back(nullptr);
        } else {
            rfs.push_back(it);
        }
    }
    reform_ids_.insert(reform_ids_.end(), setting_specs.begin(), setting_specs.end());
    for (size_t i = 0, k = 0; i < rfs.size(); ++i)
        if (!rfs[i]) rfs[i] = &dated_[k++];
    const std::vector<const RuleSet*> bases = base_rule_sets(*book_, pinned_);
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
            for (const auto& [key, param] : settings_) {
                s.params[key] = param;
                s.reforms.push_back("set:" + key);
            }
            if (reading) apply_reading(s, *reading);
            s.p = typed(s.params);
            if (s.p.reflection_below_floor())
                throw UnknownRuleSet(say("reflection.days = {days} is shorter than reflection.min_days = {min}, the floor of "
                                         "the rule files (sejour61 rules shows its basis); to study it anyway: --set "
                                         "reflection.min_days={days}",
                                         {{"days", std::to_string(s.p.reflection_days)},
                                          {"min", std::to_string(s.p.reflection_min_days)}}));
            variant.push_back(std::move(s));
        }
        variants_.push_back(std::move(variant));
    }
    if (reading) return;
    // procedure.md §9: the ambiguity alarm is the contestable readings
    // (§8) the rule files mark "alarm", each replayed under its own selection.
    std::set<std::string> seen;
    for (const auto& rs : rule_sets())
        for (const auto& [key, p] : rs.params)
            for (const auto& a : p.alternatives)
                if (!a.alarm.empty() && seen.insert(key + "=" + a.alarm).second)
                    alarms_.push_back({a.alarm, std::make_shared<const Selection>(book_, pinned_, reform_ids_,
                                                                                  Reading{key, a.value})});
}

// @rule R-REGIME (tempus regit actum; law of 30 March 2017 in force 20 May
// 2017): each act is governed by the regime in force on its date, with the
// selected reforms from their adoption date; or the pinned regime.
const RuleSet* Selection::at(const Date& d) const {
    size_t k = static_cast<size_t>(std::upper_bound(thresholds_.begin(), thresholds_.end(), d) - thresholds_.begin());
    const auto& sets = variants_[k];
    if (pinned_) return &sets.front();
    for (const auto& s : sets)
        if (s.in_force_on(d)) return &s;
    return nullptr;
}

}  // namespace sejour61
