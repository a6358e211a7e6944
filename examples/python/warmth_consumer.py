#!/usr/bin/python3
"""Print each dyad's warmth from relmon.warmth.v1, decoded with relmon's consumer kit.

Needs Debian's python3-confluent-kafka and python3-avro (apt-get install python3-confluent-kafka
python3-avro) and a kit exported by `relmon schemas export DIR`. See docs/topics.md.

    ./relmon schemas export /tmp/relmon-kit
    /usr/bin/python3 examples/python/warmth_consumer.py --schemas /tmp/relmon-kit --bootstrap 127.0.0.1:9092

relmon writes its topics in Kafka transactions (exactly-once): the consumer reads with
isolation.level=read_committed, or it would also see records of aborted transactions.

A value is either Avro single-object encoded (C3 01, the writer schema's 8-byte CRC-64-AVRO
fingerprint, the datum; relmon's default) or, where relmon runs with a schema registry, in the
registry's framing (00, the 4-byte schema id, the datum). This reader takes both: it looks the
8 header bytes up in the kit's fingerprints.json ("byHeader") rather than comparing them with a
fingerprint Python's avro computes itself, which differs from Java's for schemas with logical
types; and it fetches a registry schema by id (--registry).
"""

import argparse
import io
import json
import os
import sys
import urllib.request

import avro.io
import avro.schema
from confluent_kafka import Consumer, KafkaError


class KitDecoder:
    """Decodes relmon values by their header, with the writer's schema from the kit or a registry."""

    def __init__(self, kit_dir, registry_url=None):
        with open(os.path.join(kit_dir, "fingerprints.json"), encoding="utf-8") as f:
            self.by_header = json.load(f)["byHeader"]
        self.kit_dir = kit_dir
        self.registry_url = registry_url.rstrip("/") if registry_url else None
        self.readers = {}

    def _reader(self, key, load):
        if key not in self.readers:
            self.readers[key] = avro.io.DatumReader(avro.schema.parse(load()))
        return self.readers[key]

    def _kit_schema(self, header):
        name = self.by_header.get(header)
        if name is None:
            raise ValueError(f"fingerprint {header} is not in the kit: export a newer kit (relmon schemas export)")
        with open(os.path.join(self.kit_dir, name), encoding="utf-8") as f:
            return f.read()

    def _registry_schema(self, schema_id):
        if self.registry_url is None:
            raise ValueError(f"registry-framed value (schema id {schema_id}) but no --registry given")
        with urllib.request.urlopen(f"{self.registry_url}/schemas/ids/{schema_id}", timeout=10) as response:
            return json.load(response)["schema"]

    def decode(self, value):
        if len(value) >= 10 and value[0] == 0xC3 and value[1] == 0x01:
            header = value[2:10].hex()
            reader = self._reader(("fp", header), lambda: self._kit_schema(header))
            body = value[10:]
        elif len(value) >= 5 and value[0] == 0x00:
            schema_id = int.from_bytes(value[1:5], "big")
            reader = self._reader(("id", schema_id), lambda: self._registry_schema(schema_id))
            body = value[5:]
        else:
            raise ValueError(f"neither single-object encoded nor registry framed ({len(value)} bytes)")
        return reader.read(avro.io.BinaryDecoder(io.BytesIO(body)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", default=os.environ.get("RELMON_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
                        help="Kafka bootstrap servers (default: $RELMON_KAFKA_BOOTSTRAP or 127.0.0.1:9092)")
    parser.add_argument("--schemas", required=True, help="folder written by `relmon schemas export`")
    parser.add_argument("--topic", default="relmon.warmth.v1")
    parser.add_argument("--group", default="relmon-warmth-example", help="consumer group (offsets are not committed)")
    parser.add_argument("--registry", default=os.environ.get("RELMON_SCHEMA_REGISTRY_URL"),
                        help="schema registry URL, for registry-framed values (default: $RELMON_SCHEMA_REGISTRY_URL)")
    parser.add_argument("--exit-at-end", action="store_true",
                        help="exit once every partition is read to its end, instead of waiting for more")
    args = parser.parse_args()

    decoder = KitDecoder(args.schemas, args.registry)
    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": args.group,
        # relmon's services write in transactions: never show what an aborted one wrote.
        "isolation.level": "read_committed",
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "enable.partition.eof": True,
    })
    assigned, at_end = set(), set()

    def on_assign(c, partitions):
        assigned.update(p.partition for p in partitions)

    consumer.subscribe([args.topic], on_assign=on_assign)
    try:
        while True:
            message = consumer.poll(1.0)
            if message is None:
                continue
            if message.error():
                if message.error().code() == KafkaError._PARTITION_EOF:
                    at_end.add(message.partition())
                    if args.exit_at_end and assigned and at_end >= assigned:
                        return 0
                    continue
                print(f"error: {message.error()}", file=sys.stderr)
                return 1
            at_end.discard(message.partition())
            dyad = message.key().decode("utf-8") if message.key() else "?"
            if message.value() is None:
                print(f"{dyad} deleted", flush=True)
                continue
            update = decoder.decode(message.value())
            print(f"{update['dyad']} warmth {update['value']!r} as of {update['asOf'].date().isoformat()}"
                  f" ({update['eventCount']} events, {len(update['drivers'])} drivers)", flush=True)
    except KeyboardInterrupt:
        return 0
    finally:
        consumer.close()


if __name__ == "__main__":
    sys.exit(main())
