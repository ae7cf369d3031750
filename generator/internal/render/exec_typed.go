package render

import (
	"html/template"
	"reflect"

	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/site"
	"kunskapsbanken/generator/internal/yamldoc"
)

// typedCaller calls a function of a signature fastExec knows with its
// arguments, already converted to the parameters' types (a variadic
// function's last ones each to the element type), without
// reflect.Value.Call. reflect.Value.Call costs more than most of the
// functions a layout calls: it lays out a frame for the arguments and
// results on every call and boxes each result it returns.
type typedCaller func(args []reflect.Value) (reflect.Value, error)

// typedCall returns the typedCaller of f, or nil when f's signature is not
// one of those the layouts call on every page, which fastExec calls
// through reflection as before. f is a template function, or a method's
// function whose first parameter is the receiver (reflect.Method.Func).
// Every result type here is a concrete type, so reflect.ValueOf of a
// result is the value reflect.Value.Call would give.
func typedCall(f any) typedCaller {
	switch f := f.(type) {
	// The partials rendered once (RenderPages), the body, the JSON-LD.
	case func(string, *Data) (template.HTML, error):
		return call2e(f)
	case func(string, *site.Page) (template.HTML, error):
		return call2e(f)
	case func(UsageRow) (template.HTML, error):
		return call1e(f)
	case func(*site.Page) (template.HTML, error):
		return call1e(f)
	case func(*Data) (template.JS, error):
		return call1e(f)
	// editURL, toc, date, isoDate, number, plural.
	case func(*site.Page) string:
		return call1(f)
	case func(*site.Page) []TOCEntry:
		return call1(f)
	case func(yamldoc.Date) string:
		return call1(f)
	case func(int) string:
		return call1(f)
	case func(int, string, string) string:
		return func(a []reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(as[int](a[0]), as[string](a[1]), as[string](a[2]))), nil
		}
	// t and dict, variadic.
	case func(string, ...any) string:
		return func(a []reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(as[string](a[0]), anys(a[1:])...)), nil
		}
	case func(...any) (map[string]any, error):
		return func(a []reflect.Value) (reflect.Value, error) {
			m, err := f(anys(a)...)
			return reflect.ValueOf(m), err
		}
	// Methods without arguments: .Meta.Status.Label, .Meta.Updated.IsZero
	// (time.Time's, on the value and on the pointer), .Where, .List.Rows,
	// an area's .Changed.
	case func(*page.Status) string:
		return call1(f)
	case func(yamldoc.Date) bool:
		return call1(f)
	case func(*yamldoc.Date) bool:
		return call1(f)
	case func(*List) []UsageRow:
		return call1(f)
	case func(*site.Area) yamldoc.Date:
		return call1(f)
	}
	return nil
}

func call1[A, R any](f func(A) R) typedCaller {
	return func(a []reflect.Value) (reflect.Value, error) {
		return reflect.ValueOf(f(as[A](a[0]))), nil
	}
}

func call1e[A, R any](f func(A) (R, error)) typedCaller {
	return func(a []reflect.Value) (reflect.Value, error) {
		r, err := f(as[A](a[0]))
		return reflect.ValueOf(r), err
	}
}

func call2e[A, B, R any](f func(A, B) (R, error)) typedCaller {
	return func(a []reflect.Value) (reflect.Value, error) {
		r, err := f(as[A](a[0]), as[B](a[1]))
		return reflect.ValueOf(r), err
	}
}

// as is v as a T, v's type being assignable to T (execState.convert):
// T itself, another type of the same underlying type, or, for an
// interface T, a type that implements it. A nil pointer or interface is
// T's zero value, as reflect.Value.Call passes it.
func as[T any](v reflect.Value) T {
	if t, ok := v.Interface().(T); ok {
		return t
	}
	if v.Kind() == reflect.Interface && v.IsNil() {
		var zero T
		return zero
	}
	return v.Convert(reflect.TypeFor[T]()).Interface().(T)
}

// anys is a variadic function's arguments of type any.
func anys(a []reflect.Value) []any {
	out := make([]any, len(a))
	for i, v := range a {
		out[i] = as[any](v)
	}
	return out
}
