"""PlugShare payloads for tests, shaped like the examples in PlugShare's API v3 reference.

They keep the examples' quirks on purpose: ``"network": ""`` where an object
belongs, ``"opening_date": "None"``, ``"user": ""`` on a check-in, empty strings
for absent values, numbers sent as strings, lists left out, and fields this
project does not model (``all_promos``, ``outlet_index``, ``vehicle_type``, ...).
Each function returns a fresh copy, so a test may change it freely.

The points are in Venice and Santa Monica, Los Angeles (the reference's examples
sit at Abbot Kinney Blvd, 33.992476, -118.4721).
"""

from __future__ import annotations

from typing import Any

#: The point the reference's nearby examples search from.
VENICE = (33.992476, -118.4721)


def garage_with_everything() -> dict[str, Any]:
    """A full single-location answer: stations, network object, reviews, photos, amenities."""
    return {
        "valid_outlets": [{"connector": 1}, {"connector": 2}, {"connector": 13}],
        "description": "Level 2 of the garage. <b>Validate parking</b> at the desk.",
        "opening_date": "None",
        "updated_at": "2023-03-14 18:02:11",
        "hours": "",
        "phone": "",
        "promos": [],
        "cost": True,
        "pwps_version": 2,
        "address": "1100 Abbot Kinney Blvd, Los Angeles, CA 90291",
        "score": 8.7,
        "id": 20841,
        "parking_type_name": "Pay",
        "icon": "https://assets.plugshare.com/icons/G.png",
        "cost_description": "$2/hour parking",
        "reviews": [
            {
                "comment": "Both bays free on a Sunday morning.",
                "rating": 1,
                "connector_type": 2,
                "volts": None,
                "created_at": "2023-03-12T16:40:05Z",
                "finished": "2023-03-12T18:00:00Z",
                "waiting": False,
                "user": {"id": 90210, "first_name": "Dana", "vehicle_description": "Bolt EV"},
                "amps": "30",
                "vehicle_type": 4,
                "vehicle_name": "Chevrolet Bolt EV",
                "id": 170001,
            },
            {
                "comment": "Screen dead, would not start a session.",
                "rating": -1,
                "problem": 4,
                "problem_description": "Could not activate",
                "created_at": "2023-02-01T09:15:00Z",
                "finished": "",
                "waiting": "",
                "user": "",
                "id": 169000,
            },
        ],
        "name": "Abbot Kinney Public Garage",
        "url": "http://api.plugshare.com/view/location/20841",
        "created_at": "2013-11-19T22:26:33Z",
        "icon_type": "G",
        "all_promos": [{"id": 2, "name": "EZ-Charge", "link_url": None, "lat": None}],
        "longitude": -118.4695,
        "access": 1,
        "locale": "US",
        "under_repair": False,
        "amenities": [{"location_id": 20841, "type": 2}, {"location_id": 20841, "type": "3"}],
        "poi_name": "Parking Garage",
        "coming_soon": None,
        "latitude": 33.9931,
        "photos": [
            {
                "user_id": 85274,
                "url": "https://photos.plugshare.com/photos/900001.jpg",
                "created_at": "2022-11-29T17:57:14Z",
                "thumbnail": "https://photos.plugshare.com/thumb/900001.png",
                "caption": "Entrance on Westminster Ave",
                "thumbnail2x": "https://photos.plugshare.com/thumb2x/900001.png",
                "order": 1,
                "id": 900001,
            }
        ],
        "open247": True,
        "stations": [
            {
                "qr_enabled": True,
                "cost": 2,
                "pwps_version": 2,
                "location_id": 20841,
                "id": 37601,
                "cost_description": "$0.35/kWh",
                "pre_charge_instructions": None,
                "network": {
                    "description": "Networked charging with an app and RFID cards.",
                    "url": "https://www.chargepoint.com/",
                    "image": "https://assets.plugshare.com/network-images/chargepoint.png",
                    "action_name": "Sign Up",
                    "phone": "8887584389",
                    "action_url": "https://www.chargepoint.com/drivers/",
                    "id": 1,
                    "name": "ChargePoint",
                },
                "latitude": 33.99305,
                "available": 1,
                "outlets": [
                    {
                        "available": None,
                        "description": None,
                        "power": 0,
                        "connector": 2,
                        "id": 95901,
                        "outlet_index": None,
                        "kilowatts": 6.6,
                    }
                ],
                "hours": "",
                "promos": [],
                "manufacturer": "ChargePoint",
                "name": "CP BAY 1",
                "network_id": 1,
                "created_at": "2013-11-19T22:26:35Z",
                "longitude": -118.46952,
                "model": "",
            },
            {
                "cost": "2",
                "id": "37602",
                "network": "",
                "network_id": 1,
                "network_ext_id": 118822,
                "available": "2",
                "outlets": [
                    {"available": "IN_USE", "power": "0", "connector": "13", "id": 95902},
                    {"available": None, "power": 0, "connector": 3, "id": 95903},
                ],
                "created_at": "2021-06-01T08:00:00Z",
                "model": "CPE250",
            },
        ],
    }


def residential_share() -> dict[str, Any]:
    """Like the reference's search example: a shared home charger with no name."""
    return {
        "valid_outlets": [],
        "description": "Please call first.",
        "opening_date": "None",
        "updated_at": "2014-10-15T22:53:50Z",
        "hours": "",
        "phone": "3105550143",
        "promos": [],
        "cost": False,
        "pwps_version": None,
        "address": "Glencoe Ave, Venice, CA 90291",
        "owner": "",
        "id": 58230,
        "parking_type_name": None,
        "icon": "https://assets.plugshare.com/icons/H.png",
        "cost_description": "",
        "name": "",
        "url": "http://api.plugshare.com/view/location/58230",
        "created_at": "2014-09-06T01:21:10Z",
        "icon_type": "H",
        "all_promos": [],
        "longitude": -118.4495,
        "access": 3,
        "locale": "US",
        "under_repair": False,
        "amenities": [],
        "poi_name": None,
        "coming_soon": None,
        "latitude": 34.0001,
        "open247": False,
        "stations": [
            {"id": 99001, "outlets": [{"connector": 1, "id": 99002, "power": None}], "cost": 1}
        ],
    }


def supercharger() -> dict[str, Any]:
    """Tesla Superchargers (connector 6, power 1) with kilowatts, as numbers and strings."""
    return {
        "id": 121001,
        "name": "Santa Monica Supercharger",
        "latitude": "34.0165",
        "longitude": "-118.4925",
        "access": "1",
        "cost": "true",
        "score": "9.4",
        "created_at": "2019-05-02T10:00:00Z",
        "updated_at": "2024-01-09T12:30:00+00:00",
        "opening_date": "",
        "address": "1300 4th St, Santa Monica, CA 90401",
        "stations": [
            {
                "id": 500101,
                "network_id": "8",
                "network": {"id": 8, "name": "Tesla Supercharger"},
                "cost": 2,
                "available": 1,
                "outlets": [{"connector": 6, "power": 1, "id": 600101, "kilowatts": 250}],
            },
            {
                "id": 500102,
                "network_id": 8,
                "available": 0,
                "outlets": [{"connector": 6, "power": "1", "id": 600102, "kilowatts": "250.0"}],
            },
        ],
    }


def wall_connectors() -> dict[str, Any]:
    """Tesla wall connectors (connector 6, power 0) at a hotel: the other id-6 plug."""
    return {
        "id": 121002,
        "name": "Hotel Erwin",
        "latitude": 33.9850,
        "longitude": -118.4727,
        "access": 2,
        "cost": False,
        "amenities": [{"location_id": 121002, "type": 1}],
        "stations": [
            {
                "id": 500201,
                "network_id": 35,
                "cost": 1,
                "outlets": [{"connector": 6, "power": 0, "id": 600201, "kilowatts": "11.5"}],
            }
        ],
        "opening_date": "2015-04-01",
    }


def fast_and_slow_mix() -> dict[str, Any]:
    """A 150 kW CCS stall next to chargers whose power nobody recorded."""
    return {
        "id": 121003,
        "name": "Marina Shopping Center",
        "latitude": 33.9848,
        "longitude": -118.4433,
        "access": 1,
        "cost": True,
        "stations": [
            {
                "id": 500301,
                "network_id": 47,
                "cost": 2,
                "available": 1,
                "outlets": [
                    {"connector": 13, "id": 600301, "kilowatts": 150},
                    {"connector": 3, "id": 600302, "kilowatts": 50},
                ],
            },
            {
                "id": 500302,
                "network": "",
                "outlets": [{"connector": 2, "id": 600303, "kilowatts": None}],
            },
        ],
    }


def unknown_power_only() -> dict[str, Any]:
    """DC fast plugs with no kilowatts at all, and a connector id newer than the reference."""
    return {
        "id": 121004,
        "name": "Lincoln Blvd Fast Charge",
        "latitude": 34.0005,
        "longitude": -118.4600,
        "access": 1,
        "stations": [
            {
                "id": 500401,
                "network_id": 19,
                "outlets": [
                    {"connector": 13, "id": 600401},
                    {"connector": 20, "id": 600402, "power": 0},
                ],
            }
        ],
        "reviews": None,
    }


def route_result() -> dict[str, Any]:
    """Like the reference's polyline example: a minimal record with an ``owner`` object."""
    return {
        "access": 1,
        "url": "http://api.plugshare.com/view/location/1560",
        "score": 10.0,
        "name": "Electric Ave Garage",
        "stations": [{"id": 2390, "outlets": [{"connector": 2, "id": 50630, "power": 0}]}],
        "latitude": 33.9650,
        "owner": {"first_name": "julia", "id": 137550},
        "icon_type": "G",
        "id": 1560,
        "longitude": -118.3800,
        "icon": "https://assets.plugshare.com/icons/G.png",
    }


def retired() -> dict[str, Any]:
    """Out of service: ``enabled`` false. PlugShare's searches never return it."""
    return {
        "id": 121099,
        "name": "Closed Garage",
        "latitude": 33.9925,
        "longitude": -118.4720,
        "enabled": False,
        "stations": [{"id": 509901, "outlets": [{"connector": 2, "id": 609901}]}],
    }


def all_locations() -> list[dict[str, Any]]:
    return [
        garage_with_everything(),
        residential_share(),
        supercharger(),
        wall_connectors(),
        fast_and_slow_mix(),
        unknown_power_only(),
        route_result(),
        retired(),
    ]
