//! Which requests the preview answers: only those addressed to it by a loopback name.
//!
//! The preview listens on 127.0.0.1 only, but that alone does not keep other web sites out: a
//! page the clerk visits can point a host name of its own at 127.0.0.1 (DNS rebinding) and
//! read the preview, drafts included, as its own origin. Such a request carries the page's
//! host name in `Host`, so the preview answers only requests whose `Host` is
//! `127.0.0.1:PORT`, `localhost:PORT` or `[::1]:PORT` (the port it listens on). A request
//! without a `Host` (HTTP/1.0 allows that), with two of them, or whose absolute target
//! (`GET http://name/ HTTP/1.1`) names another authority is refused too: a browser always sends
//! one, so only other clients can be caught by this, and they can send it.

use hyper::header::{HeaderMap, HOST};
use hyper::Uri;

/// Whether the request with these `headers` and target `uri` is addressed to the preview on
/// `port`.
pub(crate) fn is_addressed_to_us(headers: &HeaderMap, uri: &Uri, port: u16) -> bool {
    let mut hosts = headers.get_all(HOST).iter();
    let (Some(host), None) = (hosts.next(), hosts.next()) else {
        return false;
    };
    let Ok(host) = host.to_str() else {
        return false;
    };
    is_loopback_authority(host, port) && uri.authority().is_none_or(|a| is_loopback_authority(a.as_str(), port))
}

/// `authority` is a loopback name with `port`: `127.0.0.1`, `localhost` (any letter case) or
/// `[::1]`. The port may be left out only when it is 80, as browsers do for port 80.
pub(crate) fn is_loopback_authority(authority: &str, port: u16) -> bool {
    let (host, given_port) = split_port(authority);
    let port_matches = match given_port {
        Some(given) => given == port.to_string(),
        None => port == 80,
    };
    port_matches && (host == "127.0.0.1" || host == "[::1]" || host.eq_ignore_ascii_case("localhost"))
}

/// `name:port` → (`name`, `Some(port)`); an IPv6 address keeps its brackets.
fn split_port(authority: &str) -> (&str, Option<&str>) {
    let after_host = match authority.strip_prefix('[') {
        Some(rest) => rest.find(']').map_or(authority.len(), |end| end + 2),
        None => authority.find(':').unwrap_or(authority.len()),
    };
    let (host, rest) = authority.split_at(after_host);
    (host, rest.strip_prefix(':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(hosts: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for host in hosts {
            map.append(HOST, host.parse().unwrap());
        }
        map
    }

    fn origin_form() -> Uri {
        "/documenten/".parse().unwrap()
    }

    #[test]
    fn loopback_names_with_our_port_are_answered() {
        for host in ["127.0.0.1:8123", "localhost:8123", "LocalHost:8123", "[::1]:8123"] {
            assert!(is_addressed_to_us(&headers(&[host]), &origin_form(), 8123), "{host}");
        }
    }

    #[test]
    fn other_names_ports_and_shapes_are_refused() {
        for host in [
            "evil.example:8123",
            "127.0.0.1.evil.example:8123",
            "localhost.evil.example:8123",
            "127.0.0.1:8124",
            "127.0.0.1:08123",
            "127.0.0.1",
            "localhost:8123:8123",
            "user@127.0.0.1:8123",
            "[::1]",
            "[::2]:8123",
            "",
        ] {
            assert!(!is_addressed_to_us(&headers(&[host]), &origin_form(), 8123), "{host:?}");
        }
        assert!(!is_addressed_to_us(&headers(&[]), &origin_form(), 8123), "no Host");
        assert!(
            !is_addressed_to_us(&headers(&["127.0.0.1:8123", "evil.example"]), &origin_form(), 8123),
            "two Hosts"
        );
    }

    #[test]
    fn an_absolute_target_must_name_us_too() {
        let ours = headers(&["127.0.0.1:8123"]);
        let evil: Uri = "http://evil.example/".parse().unwrap();
        let local: Uri = "http://localhost:8123/".parse().unwrap();
        assert!(!is_addressed_to_us(&ours, &evil, 8123));
        assert!(is_addressed_to_us(&ours, &local, 8123));
    }

    #[test]
    fn port_80_may_be_left_out() {
        assert!(is_loopback_authority("localhost", 80));
        assert!(is_loopback_authority("127.0.0.1:80", 80));
        assert!(!is_loopback_authority("localhost", 8000));
    }
}
