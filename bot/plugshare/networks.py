"""PlugShare network ids, with the names and aliases people use for them.

Source: the start reference's list extended by the v3 list
(``shared/docs/plugshare-api.md``). Where the two lists name an id differently,
both names are the same company's brands, so both are aliases here. PlugShare's
published v3 table also names id 9 "EVCS" and adds 55 "IVY"; both are included.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NetworkInfo:
    id: int
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


NETWORKS: dict[int, NetworkInfo] = {
    n.id: n
    for n in (
        NetworkInfo(1, "ChargePoint", ("Charge Point", "ChargePoint Network")),
        NetworkInfo(2, "Blink", ("Blink Network", "Blink Charging")),
        NetworkInfo(3, "SemaConnect", ("SemaCharge", "Sema Connect", "Sema Charge", "Sema")),
        NetworkInfo(4, "GE WattStation", ("WattStation", "Watt Station", "GE")),
        NetworkInfo(5, "Sun Country", ("Sun Country Highway",)),
        NetworkInfo(6, "Circuit Électrique", ("Circuit Electrique", "Electric Circuit")),
        NetworkInfo(7, "FLO", ("AddEnergie", "Add Energie")),
        NetworkInfo(8, "Tesla Supercharger", ("Supercharger network",)),
        NetworkInfo(9, "Webasto", ("AeroVironment", "Aero Vironment", "AV", "EVCS")),
        NetworkInfo(11, "OpenChargeMap", ("Open Charge Map",)),
        NetworkInfo(13, "Innogy", ("RWE",)),
        NetworkInfo(14, "Oplaadpalen", ()),
        NetworkInfo(15, "Endesa", ()),
        NetworkInfo(16, "ESB", ("ESB ecars", "ESB Networks")),
        NetworkInfo(17, "Uppladdning", ()),
        NetworkInfo(18, "Clever", ()),
        NetworkInfo(19, "EVgo", ("eVgo Network", "EV go", "EVgo Network")),
        NetworkInfo(22, "Lastestasjoner", ()),
        NetworkInfo(23, "Enel Drive", ("Enel", "Enel X")),
        NetworkInfo(25, "Volta", ("Volta Charging",)),
        NetworkInfo(26, "Shell Recharge", ("Greenlots", "Shell", "SHELL_RECHARGE")),
        NetworkInfo(29, "OpConnect", ("Op Connect",)),
        NetworkInfo(30, "Shorepower", ("Shore Power",)),
        NetworkInfo(33, "CarCharging", ("Car Charging",)),
        NetworkInfo(34, "JNSH", ()),
        NetworkInfo(
            35,
            "Tesla Destination",
            ("Tesla Destination Charging", "Tesla Destination Charger", "Destination Charger"),
        ),
        NetworkInfo(36, "ChargeNet", ("Charge Net",)),
        NetworkInfo(37, "Recargo", ()),
        NetworkInfo(41, "KSI", ()),
        NetworkInfo(45, "POLAR", ("BP Pulse UK",)),
        NetworkInfo(46, "EV Connect", ("EVConnect",)),
        NetworkInfo(47, "Electrify America", ("EA", "ElectrifyAmerica")),
        NetworkInfo(48, "Chargefox", ("Charge Fox",)),
        NetworkInfo(49, "BC Hydro EV", ("BC Hydro",)),
        NetworkInfo(50, "Irvine Company", ()),
        NetworkInfo(51, "Ionity", ()),
        NetworkInfo(52, "Fastned", ()),
        NetworkInfo(54, "Electrify Canada", ()),
        NetworkInfo(55, "Ivy", ("IVY", "Ivy Charging Network")),
    )
}


def network_name(network_id: int | None) -> str | None:
    """PlugShare's name for a network id, or ``None`` when the id is not one we know."""
    if network_id is None:
        return None
    info = NETWORKS.get(network_id)
    return info.name if info else None
