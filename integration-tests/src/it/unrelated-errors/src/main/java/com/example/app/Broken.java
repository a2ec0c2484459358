package com.example.app;

/** The user's own mistakes in method bodies, nothing to do with gradgen. */
final class Broken {

    int count() {
        return "not a number";
    }

    void call() {
        undefinedMethod(42);
    }
}
