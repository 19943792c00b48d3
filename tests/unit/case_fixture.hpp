// The smallest valid case the unit tests start from (two events).
#pragma once

#include <nlohmann/json.hpp>

namespace sejour61::test {

inline nlohmann::json minimal_case() {
    return nlohmann::json::parse(R"({
      "format": "sejour61.case/1", "id": "T-1",
      "person": {"birth_date": "1999-04-02", "nationality": "NG"},
      "offence": {"type": "trafficking"},
      "events": [
        {"date": "2026-01-05", "type": "indications", "by": "police"},
        {"date": "2026-01-06", "type": "centre_contact", "centre": "pag-asa"}
      ]})");
}

}  // namespace sejour61::test
