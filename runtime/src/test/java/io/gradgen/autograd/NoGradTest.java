package io.gradgen.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.Tensor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // scopes exist to be closed, not referenced
class NoGradTest {

    @Test
    void opsInsideRecordNoGraph() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor y;
        try (var g = NoGrad.enter()) {
            assertFalse(GradMode.isEnabled());
            y = x.mul(2).exp().sum();
        }
        assertTrue(GradMode.isEnabled());
        assertNull(y.gradFn());
        assertFalse(y.requiresGrad());
        assertTrue(y.isLeaf());
        assertTrue(x.mul(2).requiresGrad());
    }

    @Test
    void scopesNestAndRestoreThePreviousState() {
        try (var outer = NoGrad.enter()) {
            try (var inner = NoGrad.enter()) {
                assertFalse(GradMode.isEnabled());
            }
            assertFalse(GradMode.isEnabled(), "closing the inner scope keeps the outer one in force");
            try (var enabled = GradMode.enable()) {
                assertTrue(GradMode.isEnabled());
                Tensor x = Tensor.ones(1).requiresGrad(true);
                assertTrue(x.mul(2).requiresGrad());
            }
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
    }

    @Test
    void stateIsRestoredWhenTheBodyThrows() {
        assertThrows(IllegalStateException.class, () -> {
            try (var g = NoGrad.enter()) {
                throw new IllegalStateException("boom");
            }
        });
        assertTrue(GradMode.isEnabled());
        assertThrows(IllegalStateException.class, () -> NoGrad.run(() -> {
            throw new IllegalStateException("boom");
        }));
        assertTrue(GradMode.isEnabled());
    }

    @Test
    void closingTwiceIsHarmless() {
        GradMode.Scope outer = GradMode.disable();
        GradMode.Scope inner = GradMode.set(true);
        inner.close();
        inner.close();
        assertFalse(GradMode.isEnabled());
        outer.close();
        assertTrue(GradMode.isEnabled());
    }

    @Test
    void modeIsThreadLocal() throws InterruptedException {
        AtomicBoolean otherThreadSaw = new AtomicBoolean();
        try (var g = NoGrad.enter()) {
            Thread t = new Thread(() -> otherThreadSaw.set(GradMode.isEnabled()));
            t.start();
            t.join();
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(otherThreadSaw.get(), "a no-grad scope on one thread does not disable another");

        AtomicBoolean inside = new AtomicBoolean(true);
        Thread t = new Thread(() -> NoGrad.run(() -> inside.set(GradMode.isEnabled())));
        t.start();
        t.join();
        assertFalse(inside.get());
        assertTrue(GradMode.isEnabled(), "a scope on another thread does not affect this one");
    }

    @Test
    void callReturnsTheValue() {
        assertEquals(6.0, NoGrad.call(() -> Tensor.ones(3).mul(2).sum().item()));
    }
}
