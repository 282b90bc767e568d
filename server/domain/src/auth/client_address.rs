//! Who is on the other end: the socket's peer, unless the peer is one of the reverse proxies
//! the operator named (`MALAKA_TRUSTED_PROXIES`), in which case the address that proxy saw,
//! from `X-Forwarded-For`. Only trusted proxies are believed: anyone else can write the header.
//! Limits then key IPv6 clients by their /64, since one household or office gets a whole /64.

use ipnet::IpNet;
use std::net::{IpAddr, Ipv6Addr};

/// The client's address. `X-Forwarded-For` lists the addresses each proxy saw, the nearest
/// last; walking it from the right, the first address that is not a trusted proxy is the
/// client. A header that does not parse is ignored (the trusted proxy's own address counts).
pub fn client_address(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |address: &IpAddr| trusted.iter().any(|net| net.contains(address));
    if !is_trusted(&peer) {
        return peer;
    }
    let Some(header) = forwarded_for else {
        return peer;
    };
    let hops: Option<Vec<IpAddr>> = header
        .split(',')
        .map(|hop| hop.trim().parse::<IpAddr>().ok())
        .collect();
    let Some(hops) = hops else {
        return peer;
    };
    hops.into_iter()
        .rev()
        .find(|hop| !is_trusted(hop))
        .unwrap_or(peer)
}

/// The key a limit counts under: the address itself for IPv4, its /64 network for IPv6.
pub fn limit_key(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(
                u128::from(v6) & 0xffff_ffff_ffff_ffff_0000_0000_0000_0000,
            )),
        },
    }
}

/// Parses `MALAKA_TRUSTED_PROXIES`: addresses or networks, separated by commas.
pub fn parse_trusted_proxies(list: &str) -> Result<Vec<IpNet>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            entry
                .parse::<IpNet>()
                .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| format!("`{entry}` is not an address or a network like 10.0.0.0/8"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_trusted_proxy() {
        let trusted = parse_trusted_proxies("127.0.0.1, 10.0.0.0/8").unwrap();
        assert_eq!(
            client_address(ip("127.0.0.1"), Some("203.0.113.7"), &trusted),
            ip("203.0.113.7")
        );
        assert_eq!(
            client_address(ip("198.51.100.9"), Some("203.0.113.7"), &trusted),
            ip("198.51.100.9"),
            "an untrusted peer cannot choose its address"
        );
        // The client put a fake hop in front; the proxies appended what they saw.
        assert_eq!(
            client_address(
                ip("127.0.0.1"),
                Some("1.2.3.4, 203.0.113.7, 10.1.2.3"),
                &trusted
            ),
            ip("203.0.113.7")
        );
        assert_eq!(
            client_address(ip("127.0.0.1"), Some("not an address"), &trusted),
            ip("127.0.0.1")
        );
        assert_eq!(
            client_address(ip("127.0.0.1"), Some("203.0.113.7"), &[]),
            ip("127.0.0.1"),
            "no proxy is trusted unless named"
        );
        assert!(parse_trusted_proxies("10.0.0.0/33").is_err());
    }

    #[test]
    fn ipv6_clients_count_per_64_and_mapped_ipv4_as_ipv4() {
        assert_eq!(
            limit_key(ip("2001:db8:1:2:aaaa::1")),
            limit_key(ip("2001:db8:1:2:bbbb::9"))
        );
        assert_ne!(
            limit_key(ip("2001:db8:1:2::1")),
            limit_key(ip("2001:db8:1:3::1"))
        );
        assert_eq!(limit_key(ip("::ffff:192.0.2.1")), ip("192.0.2.1"));
        assert_eq!(limit_key(ip("192.0.2.1")), ip("192.0.2.1"));
    }
}
