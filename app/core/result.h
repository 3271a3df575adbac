// Result<T>: a value or an Error. Expected failures are values, not exceptions.
// The Error code maps to a Vietnamese message in assets/i18n ("error.<code>"); the detail goes
// to the log only (it may be technical, never personal data).
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace motcua::core {

struct Error {
    std::string code;    // stable, i18n key suffix: "error." + code
    std::string detail;  // precise, for the log and for authors of procedure files
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_data); }
    const T& value() const& { return std::get<0>(m_data); }
    T&& value() && { return std::get<0>(std::move(m_data)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }

    const Error& error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

// Result<void> equivalent: Status holds nothing or an Error.
struct Ok {};
using Status = Result<Ok>;

inline Error make_error(std::string code, std::string detail) {
    return Error{std::move(code), std::move(detail)};
}

}  // namespace motcua::core
