package io.commandcenter.device;

/** What a switched load is; the rules treat miners as flexible loads to shed first. */
public enum DeviceType {
    MINER, PUMP, HEATER, LIGHTING, OTHER
}
