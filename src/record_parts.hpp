// The parts of `record` shared by the check (src/record.cpp) and the write
// (src/record_write.cpp). Not installed.
#pragma once

#include "sejour61/record.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace sejour61 {

/// An event placed into a case file's JSON: the check, its slot, the event as written.
struct Placed {
    CheckedEvent checked;
    std::size_t at = 0;
    nlohmann::json event;
};

/// Validates `ev` as record does and places it in `doc` (the case file's JSON):
/// at `keep_at` when the file stays in date order there, else after the events
/// dated on or before it; `without` is the case without the event (for the
/// no-effect notice; null when there is none); `stamp` ({"at", "by"}) is
/// written into the event when given. Throws InvalidEvent, RefusedEvent, QueryError.
Placed place_event(nlohmann::json doc, const Case* without, nlohmann::json ev, std::optional<std::size_t> keep_at,
                   const Selection& sel, const RecordOptions& options, const nlohmann::json* stamp);

/// The JSON of an event text, its syntax errors anchored at "event". Throws CaseError.
nlohmann::json parse_event_text(const std::string& event_text);

}  // namespace sejour61
