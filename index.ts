// The cloud-run-binauthz policy pack. `pulumi preview --policy-pack <this directory>` runs it.
// Every rule lives in policies/, one file per policy; policies/index.ts lists them.
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, policies } from "./policies";

new PolicyPack(PACK_NAME, { policies });
